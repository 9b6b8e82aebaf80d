// Progressive enhancement only: every page works without JavaScript.
(function () {
  "use strict";
  // Submit a form as soon as a control marked data-autosubmit changes (e.g. the language switch).
  document.addEventListener("change", function (event) {
    var control = event.target.closest("[data-autosubmit]");
    if (control && control.form) {
      control.form.requestSubmit();
    }
  });
  // Forms asking for confirmation before a destructive action.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
})();
