// Sorts the coverage matrix by the column whose heading is selected.
// Without JavaScript the table reads the same, in the caller's order.
(function () {
  "use strict";
  var table = document.getElementById("matrix");
  if (!table || !table.tHead || !table.tBodies.length) return;
  var heads = table.tHead.rows[0].cells;
  var body = table.tBodies[0];
  var lang = document.documentElement.lang;
  function key(row, i, numeric) {
    var v = row.cells[i].getAttribute("data-sort") || "";
    return numeric ? parseFloat(v) : v;
  }
  function sortBy(i) {
    var th = heads[i];
    var numeric = th.getAttribute("data-type") === "number";
    // Numbers start with the largest (most done, most words), text with A.
    var first = numeric ? "descending" : "ascending";
    var current = th.getAttribute("aria-sort");
    var dir = current === first ? (first === "ascending" ? "descending" : "ascending") : first;
    for (var j = 0; j < heads.length; j++) heads[j].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", dir);
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, i, numeric), y = key(b, i, numeric);
      var c = numeric ? x - y : x.localeCompare(y, lang);
      if (dir === "descending") c = -c;
      return c || a.getAttribute("data-index") - b.getAttribute("data-index");
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    var button = document.createElement("button");
    button.type = "button";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(i); });
  });
  var hint = document.querySelector(".sort-hint");
  if (hint) hint.hidden = false;
})();
