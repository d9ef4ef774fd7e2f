// Names for the parts of Django's admin widgets that have none (loaded by
// templates/admin/base_site.html): the help icons of the two-list selector, and the boxes of the
// autocomplete fields (select2), which otherwise reach a screen reader unnamed.
(function () {
  "use strict";

  function labelFor(select) {
    const label = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
    if (!label) return null;
    if (!label.id) label.id = `${select.id}-label`;
    return label;
  }

  function nameWidgets() {
    document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach((icon) => {
      icon.setAttribute("role", "img");
    });
    document.querySelectorAll("select.admin-autocomplete").forEach((select) => {
      const label = labelFor(select);
      const container = select.nextElementSibling;
      if (!label || !container || !container.classList.contains("select2")) return;
      const box = container.querySelector(".select2-selection");
      const shown = box && box.getAttribute("aria-labelledby");
      if (box && shown && !shown.split(" ").includes(label.id)) {
        box.setAttribute("aria-labelledby", `${label.id} ${shown}`);
      } else if (box && !shown && !box.hasAttribute("aria-label")) {
        box.setAttribute("aria-labelledby", label.id);
      }
      // The chosen value, shown inside the box: select2 makes it a read-only text field of
      // its own, which has no name; it is the box's value, not a field.
      container.querySelectorAll(".select2-selection__rendered[role]").forEach((shownValue) => {
        shownValue.removeAttribute("role");
        shownValue.removeAttribute("aria-readonly");
      });
      container.querySelectorAll(".select2-search__field:not([aria-label])").forEach((field) => {
        field.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
      });
    });
  }

  let pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      nameWidgets();
    });
  }

  window.addEventListener("load", () => {
    nameWidgets();
    new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
  });
})();
