// The portfolio board: drag and drop of the ranked rows (SortableJS), saved with htmx by posting the whole
// new order with the board version it was made on; and focus kept on the move button a keyboard user
// pressed, after the board is swapped in again.
(function () {
  "use strict";

  var lastButtonId = null;

  // `moved` is the dragged project: if someone else reordered meanwhile, the server puts just this project
  // in its new place on top of their order (or asks, when they moved it too).
  function saveOrder(tbody, moved) {
    var form = document.querySelector("[data-board-order]");
    if (!form || !window.htmx) return;
    var ids = Array.prototype.map.call(tbody.querySelectorAll("tr[data-pk]"), function (row) {
      return row.getAttribute("data-pk");
    });
    form.querySelector("input[name=order]").value = ids.join(",");
    var movedInput = form.querySelector("input[name=moved]");
    if (movedInput) movedInput.value = moved || "";
    window.htmx.trigger(form, "submit");
  }

  function initSortable() {
    var tbody = document.querySelector("[data-board-rows]");
    if (!tbody || !window.Sortable || tbody.dataset.sortable) return;
    tbody.dataset.sortable = "1";
    window.Sortable.create(tbody, {
      draggable: "tr[data-pk]",
      filter: "a, button",
      preventOnFilter: false,
      animation: 120,
      ghostClass: "app-board__row--ghost",
      onEnd: function (event) {
        if (event.oldIndex !== event.newIndex) saveOrder(tbody, event.item.getAttribute("data-pk"));
      },
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[name=move]") : null;
    lastButtonId = button ? button.id : null;
  });

  // A 409 answer is the board redrawn with both orders to choose from, a 422 the board with what was
  // wrong: show them (htmx does not swap error responses by default).
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if ((status === 409 || status === 422) && event.detail.target && event.detail.target.id === "board") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    if (!event.target || event.target.id !== "board") return;
    initSortable();
    if (lastButtonId) {
      var button = document.getElementById(lastButtonId);
      if (button && button.disabled) {
        // Moved to the top or bottom: the other direction's button is the one left to press.
        var other = lastButtonId.indexOf("up-") === 0 ? "down-" : "up-";
        button = document.getElementById(other + lastButtonId.split("-")[1]);
      }
      if (button) button.focus();
      lastButtonId = null;
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initSortable);
  } else {
    initSortable();
  }
})();
