/* kg view, the who x what matrix: people (rows) by what they name in their own turns (columns),
   a cell = how often; top rows and columns, sortable, filtered by show/episode/dates and type;
   a cell opens its quotes. Without speakers: episodes by what they mention. */
(function () {
  "use strict";
  var K = window.kgView, el = K.el;
  var M = { rows: 30, cols: 25, sortRow: null, sortCol: null, types: null };

  function controls(box) {
    var bar = el("div", "kg-matrix-controls");
    bar.appendChild(el("span", "kg-meta", "columns:"));
    K.data.catalogue.topics.concat(["Person", "Place"]).forEach(function (t) {
      var lab = el("label"), input = el("input");
      input.type = "checkbox"; input.checked = M.types[t] === true; input.setAttribute("data-kg-column", t);
      input.addEventListener("change", function () { M.types[t] = input.checked; M.sortRow = M.sortCol = null; K.renderMatrix(); });
      lab.appendChild(input); lab.appendChild(el("span", null, " " + t));
      bar.appendChild(lab);
    });
    var size = el("select"), lab2 = el("label", "kg-control", "top ");
    size.id = "kg-matrix-size";
    ["25", "50", "100"].forEach(function (n) { var o = el("option", null, n); o.value = n; size.appendChild(o); });
    size.value = String(M.cols);
    size.addEventListener("change", function () { M.cols = Number(size.value); M.rows = Math.round(M.cols * 1.2); K.renderMatrix(); });
    lab2.appendChild(size);
    bar.appendChild(lab2);
    box.appendChild(bar);
  }

  /* cells[row][col] = [weight, edge index] over the links that pass the filters */
  K.matrixData = function () {
    var relation = K.data.speakers ? "discusses" : "mentions", allowed = K.allowedEpisodes();
    var cells = K.map(), rowTotal = K.map(), colTotal = K.map();
    K.edges.forEach(function (x, e) {
      if (K.rel(e) !== relation || x[0] === x[1] || !M.types[K.typeOf(x[1])]) return;
      if (x[3] < K.state.minWeight || (allowed && !x[5].some(function (ep) { return allowed[ep]; }))) return;
      (cells[x[0]] = cells[x[0]] || K.map())[x[1]] = [x[3], e];
      rowTotal[x[0]] = (rowTotal[x[0]] || 0) + x[3];
      colTotal[x[1]] = (colTotal[x[1]] || 0) + x[3];
    });
    function top(totals, n, by) {
      return Object.keys(totals).map(Number).sort(function (a, b) {
        return (by ? by(b) - by(a) : 0) || totals[b] - totals[a] || K.label(a).localeCompare(K.label(b)) || a - b;
      }).slice(0, n);
    }
    var cols = top(colTotal, M.cols), rows = top(rowTotal, M.rows);
    var cell = function (r, c) { return (cells[r] && cells[r][c]) ? cells[r][c][0] : 0; };
    if (M.sortCol !== null) rows = top(rowTotal, M.rows, function (r) { return cell(r, M.sortCol); });
    if (M.sortRow !== null) cols = top(colTotal, M.cols, function (c) { return cell(M.sortRow, c); });
    return { rows: rows, cols: cols, cells: cells, rowTotal: rowTotal, colTotal: colTotal,
             nRows: Object.keys(rowTotal).length, nCols: Object.keys(colTotal).length };
  };

  K.renderMatrix = function () {
    if (!M.types) {
      M.types = K.map();
      K.data.catalogue.topics.forEach(function (t) { M.types[t] = true; });
    }
    var box = K.$("kg-matrix");
    while (box.firstChild) box.removeChild(box.firstChild);
    controls(box);
    var m = K.matrixData(), who = K.data.speakers ? "people" : "episodes";
    K.$("kg-note").textContent = "Who × what: " + m.rows.length + " of " + K.count(m.nRows) + " " + who + " × " +
      m.cols.length + " of " + K.count(m.nCols) + " topics";
    if (!m.rows.length) {
      box.appendChild(el("p", "kg-hint", K.data.speakers ? "Nothing matches these filters."
        : "No speaker turns in this graph: nobody's own words to tabulate."));
      return;
    }
    var table = el("table", "kg-matrix"), thead = el("thead"), hr = el("tr"), top = 1;
    hr.appendChild(el("th", "kg-meta", K.data.speakers ? "person \\ topic" : "episode \\ topic"));
    m.cols.forEach(function (c) {
      var th = el("th", M.sortCol === c ? "kg-sorted" : null), b = el("button", "kg-link", K.label(c));
      b.type = "button"; b.title = "Sort rows by " + K.label(c) + " (" + K.typeOf(c) + ", " + m.colTotal[c] + ")";
      b.setAttribute("data-kg-col", K.id(c));
      b.addEventListener("click", function () { M.sortCol = M.sortCol === c ? null : c; K.renderMatrix(); });
      th.appendChild(b); hr.appendChild(th);
    });
    thead.appendChild(hr); table.appendChild(thead);
    m.rows.forEach(function (r) { m.cols.forEach(function (c) { if (m.cells[r] && m.cells[r][c]) top = Math.max(top, m.cells[r][c][0]); }); });
    var tbody = el("tbody");
    m.rows.forEach(function (r) {
      var tr = el("tr"), th = el("th", M.sortRow === r ? "kg-sorted" : null), b = el("button", "kg-link", K.label(r));
      b.type = "button"; b.title = "Sort columns by " + K.label(r) + " (" + m.rowTotal[r] + ")";
      b.setAttribute("data-kg-row", K.id(r));
      b.addEventListener("click", function () { M.sortRow = M.sortRow === r ? null : r; K.renderMatrix(); });
      th.appendChild(b); tr.appendChild(th);
      m.cols.forEach(function (c) {
        var v = m.cells[r] && m.cells[r][c], td = el("td", null, v ? K.number(v[0]) : "");
        if (v) {
          td.style.background = "rgba(9,105,218," + (0.08 + 0.6 * Math.sqrt(v[0] / top)).toFixed(2) + ")";
          td.title = K.label(r) + " named " + K.label(c) + " " + v[0] + "×";
          td.setAttribute("data-kg-edge", String(v[1]));
          td.addEventListener("click", function () { K.showEdge(v[1]); });
        }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    box.appendChild(table);
  };
  K.matrix = M;
})();
