/* PeerWatch report: sort a table by any column (keyboard: the column buttons) and filter it.
   Works from a file on disk: it reads nothing but the page it is on. */
(function () {
  "use strict";

  function key(cell) {
    var v = cell.getAttribute("data-sort");
    return v === null ? cell.textContent.trim().toLowerCase() : v;
  }

  function sortBy(table, index, header) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[index]), y = key(b.cells[index]);
      if (x === y) { return 0; }
      if (x === "—" || x === "") { return 1; }          /* blanks last, whichever way */
      if (y === "—" || y === "") { return -1; }
      return (x < y ? -1 : 1) * (ascending ? 1 : -1);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.setAttribute("aria-sort", "none"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function makeSortable(table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = th.querySelector("button");
      if (button) { button.addEventListener("click", function () { sortBy(table, index, th); }); }
    });
  }

  function columnIndex(table, col) {
    var cells = table.tHead.rows[0].cells;
    for (var i = 0; i < cells.length; i++) { if (cells[i].getAttribute("data-col") === col) { return i; } }
    return -1;
  }

  function rowValue(row, index) {
    /* the SQL's word for the cell (grade, framework) when it has one, else the words shown */
    var cell = row.cells[index];
    var value = cell.getAttribute("data-value");
    return value === null ? cell.textContent.trim() : value;
  }

  function applyFilter(form, table) {
    var text = (form.elements.q ? form.elements.q.value : "").trim().toLowerCase();
    var selects = Array.prototype.filter.call(form.elements, function (e) { return e.tagName === "SELECT"; });
    var shown = 0, rows = table.tBodies[0].rows;
    Array.prototype.forEach.call(rows, function (row) {
      var ok = !text || row.textContent.toLowerCase().indexOf(text) !== -1;
      selects.forEach(function (select) {
        var index = columnIndex(table, select.getAttribute("data-col"));
        if (ok && select.value && index >= 0) { ok = rowValue(row, index) === select.value; }
      });
      row.hidden = !ok;
      if (ok) { shown++; }
    });
    if (form.elements.shown) { form.elements.shown.value = shown + " of " + rows.length + " rows shown"; }
  }

  function filterFromHash(form) {
    /* national.html#region=London&grade=good: a link can open the table filtered */
    var hash = decodeURIComponent(window.location.hash.replace(/^#/, ""));
    if (hash.indexOf("=") === -1) { return; }
    hash.split("&").forEach(function (pair) {
      var parts = pair.split("=");
      var field = form.elements[parts[0]];
      if (field) { field.value = parts.slice(1).join("="); }
    });
  }

  function makeFilterable(form) {
    var table = document.getElementById(form.getAttribute("data-filter-for"));
    if (!table) { return; }
    var run = function () { applyFilter(form, table); };
    form.addEventListener("input", run);
    form.addEventListener("change", run);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("hashchange", function () { filterFromHash(form); run(); });
    filterFromHash(form);
    run();
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), makeSortable);
  Array.prototype.forEach.call(document.querySelectorAll("form.filters"), makeFilterable);
}());
