// The gain plan grid: row and column totals of the financial benefits update as the user types.
// The server computes the same totals on every page load; this only keeps them current in between.
(function () {
  "use strict";

  var format = new Intl.NumberFormat("nb-NO", { maximumFractionDigits: 2 });

  // Norwegian amounts as typed: "1 250 000", "1 250 000 kr", "1,25 mill.", "1.250.000". NaN if unreadable.
  function parseAmount(text) {
    var value = String(text || "").trim().toLowerCase();
    if (!value) return 0;
    var factor = 1;
    var million = value.match(/\s*(mill(ioner)?|mnok|mkr)\.?\s*(kr\.?|nok)?\s*$/);
    if (million) {
      factor = 1000000;
      value = value.slice(0, million.index);
    } else {
      value = value.replace(/\s*(kr\.?|nok|,-)\s*$/, "");
    }
    value = value.replace(/[\s\u00a0\u202f]/g, "").replace("\u2212", "-");
    if (/^[-+]?\d{1,3}(\.\d{3})+$/.test(value)) value = value.replace(/\./g, "");
    else value = value.replace(",", ".");
    if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(value)) return NaN;
    return parseFloat(value) * factor;
  }

  function cellValue(cell) {
    return parseAmount(cell.tagName === "INPUT" ? cell.value : cell.getAttribute("data-value"));
  }

  function show(output, value) {
    if (output) output.textContent = isNaN(value) ? "?" : format.format(value);
  }

  function recalculate(grid) {
    var columns = {};
    grid.querySelectorAll("tbody tr").forEach(function (row) {
      var financial = row.getAttribute("data-financial") === "1";
      var totals = { planned: 0, realised: 0 };
      row.querySelectorAll("[data-field]").forEach(function (cell) {
        var field = cell.getAttribute("data-field");
        var key = cell.getAttribute("data-year") + "-" + field;
        var value = cellValue(cell);
        totals[field] += value;
        if (financial) {
          columns[key] = (columns[key] || 0) + value;
          columns["all-" + field] = (columns["all-" + field] || 0) + value;
        }
      });
      if (financial) {
        show(row.querySelector('[data-row-total="planned"]'), totals.planned);
        show(row.querySelector('[data-row-total="realised"]'), totals.realised);
      }
    });
    grid.querySelectorAll("[data-col-total]").forEach(function (output) {
      show(output, columns[output.getAttribute("data-col-total")] || 0);
    });
  }

  document.addEventListener("input", function (event) {
    var grid = event.target.closest && event.target.closest("[data-benefit-grid]");
    if (grid) recalculate(grid);
  });
})();
