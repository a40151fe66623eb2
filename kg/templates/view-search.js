/* kg view, search: every entity by label or alias, drawn or not (selecting one outside the
   picture brings it and its neighbourhood in). */
(function () {
  "use strict";
  var K = window.kgView, el = K.el, $ = K.$, MAX_RESULTS = 20;
  K.setupSearch = function () {
    var idx = K.data.catalogue.entities.map(function (e) {
      return [K.fold(e[1]), (e[4].aliases || []).map(K.fold)];
    });
    function score(entry, q) {
      if (entry[0] === q) return 0;
      if (entry[1].indexOf(q) >= 0) return 1;
      if (entry[0].indexOf(q) === 0) return 2;
      if (entry[1].some(function (a) { return a.indexOf(q) === 0; })) return 3;
      if (entry[0].indexOf(q) > 0) return 4;
      if (entry[1].some(function (a) { return a.indexOf(q) > 0; })) return 5;
      return -1;
    }
    K.find = function (text) {
      var q = K.fold(text), hits = [];
      if (!q) return [];
      idx.forEach(function (e, i) { var s = score(e, q); if (s >= 0) hits.push([s, -K.mentions(i), K.label(i), i]); });
      hits.sort(function (a, b) {
        for (var k = 0; k < 4; k++) { if (a[k] < b[k]) return -1; if (a[k] > b[k]) return 1; }
        return 0;
      });
      return hits.map(function (h) { return h[3]; });
    };
    var results = $("kg-results"), input = $("kg-search");
    function show(ids) {
      while (results.firstChild) results.removeChild(results.firstChild);
      ids.slice(0, MAX_RESULTS).forEach(function (i, k) {
        var li = el("li", k === 0 ? "kg-best" : null), b = el("button", "kg-link", K.label(i) + " · " + K.typeOf(i));
        b.type = "button";
        b.addEventListener("click", function () { results.hidden = true; K.select(i); });
        li.appendChild(b); results.appendChild(li);
      });
      results.hidden = ids.length === 0;
    }
    K.search = function (text) {
      var ids = K.find(text);
      if (ids.length) K.select(ids[0]);
      return ids.map(K.id);
    };
    input.addEventListener("input", function () { show(K.find(input.value)); });
    document.addEventListener("click", function (ev) { if (!$("kg-find").contains(ev.target)) results.hidden = true; });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); results.hidden = true; K.search(input.value); }
      if (ev.key === "Escape") results.hidden = true;
    });
  };
})();
