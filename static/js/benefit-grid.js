// The gain plan grid. Every figure and total on it comes from the server: each save answers with the
// cells' states and the totals the selectors computed, swapped in by htmx. Nothing is parsed or added up
// here.
(function () {
  "use strict";

  function inGrid(element) {
    return Boolean(element && element.closest && element.closest("[data-benefit-grid]"));
  }

  // A save with refused figures or a conflict answers 422 with the same fragments; htmx does not swap
  // error answers by default, so the grid's own 422 answers are let through.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (inGrid(source) && event.detail.xhr.status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // A figure typed while an answer was on its way is not overwritten by that answer, and neither is the
  // value it was typed against: the next save compares it with what is stored and asks the user to
  // choose if someone else changed the same figure.
  var sent = null;
  var kept = {};
  document.addEventListener("htmx:configRequest", function (event) {
    if (!inGrid(event.detail.elt)) return;
    sent = {};
    kept = {};
    event.detail.formData.forEach(function (value, name) {
      sent[name] = value;
    });
  });
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var target = event.detail.target;
    if (!sent || !inGrid(target)) return;
    if (target.matches("input[type=text]") && target.name in sent && target.value !== sent[target.name]) {
      event.detail.shouldSwap = false;
      kept[target.id] = true;
    } else if (target.matches("input[type=hidden]") && kept[target.id.replace(/^orig-/, "")]) {
      event.detail.shouldSwap = false;
    }
  });
})();
