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

  // <details data-open-from="52rem">: folded on narrow screens (the directory's filters, so
  // that on a phone the results start near the top), unfolded where there is room beside.
  function unfoldWhereThereIsRoom() {
    document.querySelectorAll("details[data-open-from]").forEach(function (details) {
      var query = "(min-width: " + details.getAttribute("data-open-from") + ")";
      if (window.matchMedia(query).matches) {
        details.open = true;
      }
    });
  }

  // A long list of checkboxes (e.g. 49 languages) gets a search field above it that hides
  // the options not matching what was typed; ticked options always stay visible.
  function addChoiceFilter(list) {
    if (list.previousElementSibling && list.previousElementSibling.matches(".choice-filter")) {
      return;
    }
    var options = Array.prototype.slice.call(list.querySelectorAll(".kern-form-check"));
    var id = (list.closest("fieldset") || list).id + "-filter";
    var wrapper = document.createElement("div");
    wrapper.className = "choice-filter";
    var label = document.createElement("label");
    label.className = "kern-label";
    label.htmlFor = id;
    label.textContent = list.getAttribute("data-choice-filter");
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.className = "kern-form-input__input";
    input.autocomplete = "off";
    input.setAttribute("aria-controls", list.id);
    var status = document.createElement("p");
    status.className = "choice-filter__status";
    status.id = id + "-status";
    status.setAttribute("role", "status");
    input.setAttribute("aria-describedby", status.id);
    wrapper.append(label, input, status);
    list.before(wrapper);

    function normalise(text) {
      return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
    }
    function apply() {
      var wanted = normalise(input.value);
      var shown = 0;
      options.forEach(function (option) {
        var box = option.querySelector("input");
        var visible = !wanted || box.checked ||
          normalise(option.textContent).indexOf(wanted) !== -1;
        option.toggleAttribute("data-choice-hidden", !visible);
        shown += visible ? 1 : 0;
      });
      status.textContent = wanted ? list.getAttribute("data-choice-filter-status")
        .replace("{shown}", shown).replace("{total}", options.length) : "";
    }
    input.addEventListener("input", apply);
    // The search field is no filter of its own: its changes must not submit the form (the
    // directory's form sends itself on every change through htmx).
    input.addEventListener("change", function (event) {
      event.stopPropagation();
    });
    // Enter in the search field must not submit the whole form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
  }

  function addChoiceFilters() {
    document.querySelectorAll("[data-choice-filter]").forEach(addChoiceFilter);
  }
  function enhance() {
    unfoldWhereThereIsRoom();
    addChoiceFilters();
  }
  // htmx swaps the directory's facets in anew after each search.
  document.addEventListener("htmx:afterSettle", addChoiceFilters);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
