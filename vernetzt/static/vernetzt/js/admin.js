// Corrections to Django's admin widgets that axe reports (no inline script: strict CSP).
(function () {
  "use strict";
  // The filter boxes of many-to-many choosers (SelectFilter2.js) put an aria-label on a plain
  // <span> help icon, which ARIA prohibits (the label is not announced). As an image with a
  // name, the hint is announced; its title shows it on hover as well.
  function nameHelpIcons(root) {
    root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
      icon.setAttribute("title", icon.getAttribute("aria-label"));
    });
  }
  // Fields edited right in a list (list_editable) have no label in Django's change list: each
  // is named by its column and its row ("Order: Culture").
  function nameListEditableFields() {
    var table = document.getElementById("result_list");
    if (!table) {
      return;
    }
    var headers = table.querySelectorAll("thead th");
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var rowHeader = row.querySelector("th");
      row.querySelectorAll("td input:not([type=hidden]):not(.action-select), td select, td textarea").forEach(function (field) {
        if (field.labels && field.labels.length) {
          return;
        }
        var header = headers[field.closest("td").cellIndex];
        var column = header ? header.textContent.trim() : "";
        field.setAttribute("aria-label", column + (rowHeader ? ": " + rowHeader.textContent.trim() : ""));
      });
    });
  }
  new MutationObserver(function () {
    nameHelpIcons(document);
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () {
    nameHelpIcons(document);
    nameListEditableFields();
  });
})();
