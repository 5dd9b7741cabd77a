// Focus follows what the user must read next: after a page load or an htmx swap, the element marked
// data-autofocus (an error summary, a conflict panel, a "saved" message) takes the keyboard focus, so
// a screen reader announces it and the user does not lose their place at the top of the page.
(function () {
  "use strict";

  function focusMarked(root) {
    var target = (root || document).querySelector("[data-autofocus]");
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: false });
    target.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusMarked(document);
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    focusMarked(event.detail && event.detail.elt ? event.detail.elt : document);
  });
})();
