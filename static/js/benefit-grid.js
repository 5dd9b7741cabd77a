// The gain plan grid. Every figure and total on it comes from the server: each save answers with the
// cells' states and the totals the selectors computed, swapped in by htmx. Nothing is parsed or added up
// here. A save with refused figures or a conflict answers 422 with the same fragments; htmx does not
// swap error answers by default, so this lets the grid's own 422 answers through.
(function () {
  "use strict";

  document.addEventListener("htmx:beforeSwap", function (event) {
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    var grid = source && source.closest ? source.closest("[data-benefit-grid]") : null;
    if (grid && event.detail.xhr.status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
