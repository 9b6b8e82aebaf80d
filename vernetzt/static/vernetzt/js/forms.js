// After a failed submit the server renders an error summary at the top of the form
// (templates/core/forms/error_summary.html): the focus goes there, so keyboard and screen-reader
// users start at the list of problems; each link there puts the focus into its field.
(function () {
  "use strict";
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusErrorSummary);
  } else {
    focusErrorSummary();
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-error-link]");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) {
      return;
    }
    event.preventDefault();
    var label = document.querySelector("label[for='" + field.id + "']") || field.closest("fieldset");
    (label || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
