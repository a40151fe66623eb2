/* kg view: every string from the graph is untrusted data. The DOM is built with
   createElement + textContent only; links get an href only when the URL is http(s).
   This file: data, modes, filters, selection, the URL. view-canvas.js: labels and the selection
   veil; view-search.js; view-panel.js: details and timeline; view-matrix.js: who x what. */
(function () {
  "use strict";
  var K = window.kgView = { ready: false, readyMs: null, timings: {}, boxes: [] };
  var $ = K.$ = function (id) { return document.getElementById(id); };
  function mark(name) { K.timings[name] = Math.round(performance.now()); }
  var HOOD_MAX = 150;
  var MODE_NAMES = { people: "People and what they discuss", full: "Full graph", hood: "Neighbourhood",
                     matrix: "Who × what matrix" };

  K.el = function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };
  var el = K.el;
  K.map = function () { return Object.create(null); };   // no prototype: ids like "__proto__" stay plain keys
  K.fold = function (s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  };
  K.number = function (x) { return Number.isInteger(x) ? String(x) : Number(x).toFixed(2); };
  K.count = function (n) { return Number(n).toLocaleString("en-US"); };

  K.start = function () {
    mark("start");
    var data = K.data = JSON.parse($("kg-data").textContent);
    mark("parsed");
    var cat = data.catalogue, ents = cat.entities, N = ents.length;
    K.edges = cat.edges; K.strings = cat.strings; K.types = cat.types; K.relations = cat.relations;
    K.index = K.map(); K.adj = [];
    ents.forEach(function (e, i) { K.index[e[0]] = i; K.adj.push([]); });
    cat.edges.forEach(function (e, i) { K.adj[e[0]].push(i); if (e[1] !== e[0]) K.adj[e[1]].push(i); });
    K.id = function (i) { return ents[i][0]; };
    K.label = function (i) { return ents[i][1]; };
    K.typeOf = function (i) { if (typeof i === "string") i = K.index[i]; return cat.types[ents[i][2]] || "Other"; };
    K.mentions = function (i) { return ents[i][3]; };
    K.info = function (i) { return ents[i][4]; };
    K.rel = function (e) { return cat.relations[K.edges[e][2]] || "other"; };
    K.colour = function (i) { return data.colours[ents[i][2]]; };
    K.N = N;
    // episodes: their show and date (facets)
    K.episodeShow = K.map();
    cat.edges.forEach(function (e) { if (cat.relations[e[2]] === "part_of") K.episodeShow[e[0]] = e[1]; });
    mark("indexed");
    K.state = { mode: data.start, types: K.map(), relations: K.map(), minWeight: 1, show: "", episode: "",
                from: "", to: "", focus: null, depth: data.depth || 1, selected: null, hover: null };
    K.nodes = new vis.DataSet([]); K.visEdges = new vis.DataSet([]);
    K.network = new vis.Network($("kg-graph"), { nodes: K.nodes, edges: K.visEdges }, data.options);
    K.network.on("afterDrawing", function (ctx) { K.drawSelection(ctx); K.drawLabels(ctx); });
    K.network.on("click", function (p) {
      var id = K.network.getNodeAt(p.pointer.DOM);
      if (id !== undefined) K.select(K.index[id]);
      else K.clearSelection();
    });
    mark("network");
    K.setupFilters();
    K.setupSearch();
    document.querySelectorAll("#kg-modes button").forEach(function (b) {
      b.addEventListener("click", function () { K.setMode(b.getAttribute("data-kg-mode")); });
    });
    if (!data.speakers) $("kg-mode-people").textContent = "Episodes × mentions";
    $("kg-depth").value = String(Math.min(2, Math.max(1, K.state.depth)));
    K.setMode(data.start);
    if (data.focus !== null && data.focus !== undefined && K.index[data.focus] !== undefined) {
      K.select(K.index[data.focus], true);             // kg view --focus: its picture, it selected
    }
    fromHash();
    window.addEventListener("hashchange", fromHash);
    K.network.once("afterDrawing", function () {
      mark("ready");
      K.readyMs = K.timings.ready;
      K.ready = true;
      document.documentElement.setAttribute("data-kg-ready", "true");
      document.dispatchEvent(new Event("kg:ready"));
    });
    K.network.redraw();
  };

  /* ---- what one mode draws: a precomputed picture, or a neighbourhood laid out around its centre ---- */
  function edgeItem(e, top) {
    var x = K.edges[e], rel = K.rel(e), w = x[3];
    return { id: "e" + e, from: K.id(x[0]), to: K.id(x[1]),
             width: Math.round((1 + 4 * Math.log1p(Math.max(w, 0)) / Math.log1p(Math.max(top, 1))) * 100) / 100,
             color: { color: K.data.relationColours[x[2]], opacity: 0.5 }, arrows: rel === "co_occurs_with" ? "" : "to",
             dashes: rel === "co_occurs_with" };
  }
  function nodeItem(i, x, y, size) {
    return { id: K.id(i), x: x, y: y, size: size, color: K.colour(i), title: tip(i), opacity: 1 };
  }
  function tip(i) {
    var t = el("div", "kg-tip");
    t.appendChild(el("strong", null, K.label(i)));
    var meta = K.typeOf(i);
    if (K.mentions(i)) meta += " · " + K.mentions(i) + " mentions";
    if (K.info(i).date) meta += " · " + K.info(i).date;
    t.appendChild(el("span", null, meta));
    return t;
  }
  function hood(centre, depth) {
    var seen = K.map(), order = [centre], frontier = [centre], ring = K.map(), found = K.map(), nFound = 0;
    seen[centre] = true; ring[centre] = 0;
    for (var d = 1; d <= depth; d++) {
      var next = [];
      frontier.forEach(function (n) {
        K.adj[n].slice().sort(function (a, b) { return K.edges[b][3] - K.edges[a][3] || a - b; }).forEach(function (e) {
          if (K.state.relations[K.rel(e)] === false) return;
          var x = K.edges[e], m = x[0] === n ? x[1] : x[0];
          if (m !== centre && !found[m]) { found[m] = true; nFound++; }
          if (!seen[m] && order.length < HOOD_MAX) { seen[m] = true; ring[m] = d; order.push(m); next.push(m); }
        });
      });
      frontier = next;
    }
    var pos = K.map(), rings = [];
    order.forEach(function (n) { (rings[ring[n]] = rings[ring[n]] || []).push(n); });
    rings.forEach(function (members, r) {
      var radius = r === 0 ? 0 : Math.max(260 * r, members.length * 42 / (2 * Math.PI));
      members.forEach(function (n, k) {
        var a = 2 * Math.PI * k / members.length + r * 0.4;
        pos[n] = [Math.round(radius * Math.cos(a)), Math.round(radius * Math.sin(a))];
      });
    });
    var edges = [], taken = K.map();
    order.forEach(function (n) {
      K.adj[n].forEach(function (e) {
        var x = K.edges[e];
        if (!taken[e] && seen[x[0]] && seen[x[1]] && K.state.relations[K.rel(e)] !== false) { taken[e] = true; edges.push(e); }
      });
    });
    edges.sort(function (a, b) { return a - b; });
    return { order: order, pos: pos, edges: edges, reached: nFound };
  }
  K.setMode = function (mode) {
    var st = K.state;
    if (mode === "hood" && st.focus === null) return;
    st.mode = mode;
    document.querySelectorAll("#kg-modes button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-kg-mode") === mode));
      if (b.getAttribute("data-kg-mode") === "hood") b.disabled = st.focus === null;
    });
    $("kg-matrix").hidden = mode !== "matrix";
    document.body.classList.toggle("kg-matrix-mode", mode === "matrix");
    $("kg-graph").style.visibility = mode === "matrix" ? "hidden" : "visible";
    if (mode === "matrix") { $("kg-empty").hidden = true; K.renderMatrix(); return; }
    var items = [], edgeIds;
    if (mode === "hood") {
      var h = hood(st.focus, st.depth), top = 1;
      K.hoodCut = h.reached > h.order.length - 1 ? [h.order.length - 1, h.reached] : null;
      h.order.forEach(function (n) { top = Math.max(top, K.mentions(n)); });
      h.order.forEach(function (n) {
        var s = n === st.focus ? 30 : 8 + 22 * Math.sqrt(K.mentions(n) / top);
        items.push(nodeItem(n, h.pos[n][0], h.pos[n][1], Math.round(s * 100) / 100));
      });
      edgeIds = h.edges;
    } else {
      var pic = K.data.pictures[mode];
      pic.nodes.forEach(function (n) { items.push(nodeItem(K.index[n.id], n.x, n.y, n.size)); });
      edgeIds = pic.edges;
    }
    var topW = 1;
    edgeIds.forEach(function (e) { topW = Math.max(topW, K.edges[e][3]); });
    var edgeItems = edgeIds.map(function (e) { return edgeItem(e, topW); });
    var keep = visibility(edgeItems, items);
    K.drawn = K.map();
    items.forEach(function (n) { K.drawn[K.index[n.id]] = true; });
    K.dimmed = false;
    K.nodes.clear(); K.visEdges.clear();
    K.nodes.add(items);
    K.visEdges.add(edgeItems);
    settle(keep);
  };

  /* ---- facets and filters: recompute what is visible, refit, count, say when nothing is left ---- */
  K.allowedEpisodes = function () {
    var st = K.state;
    if (!st.show && !st.episode && !st.from && !st.to) return null;
    var ok = K.map();
    K.data.catalogue.entities.forEach(function (e, i) {
      if (K.typeOf(i) !== "Episode") return;
      if (st.episode !== "" && String(i) !== st.episode) return;
      if (st.show !== "" && String(K.episodeShow[i]) !== st.show) return;
      var date = e[4].date || "";
      if ((st.from || st.to) && !date) return;
      if (st.from && date < st.from) return;
      if (st.to && date > st.to) return;
      ok[i] = true;
    });
    return ok;
  };
  K.edgePasses = function (e, allowed) {
    var x = K.edges[e], st = K.state;
    if (st.relations[K.rel(e)] === false || x[3] < st.minWeight) return false;
    if (st.types[K.typeOf(x[0])] === false || st.types[K.typeOf(x[1])] === false) return false;
    return !allowed || x[5].some(function (ep) { return allowed[ep]; });
  };
  /* sets `hidden` on the items (edges that pass the filters, nodes with a shown edge); returns
     what changed, for a DataSet update */
  function visibility(edgeItems, nodeItems) {
    var st = K.state, allowed = K.allowedEpisodes(), keep = K.map(), changed = [[], []], shown = [], nEdges = 0;
    edgeItems.forEach(function (item) {
      var e = Number(item.id.slice(1)), on = K.edgePasses(e, allowed);
      if (on) { keep[K.edges[e][0]] = keep[K.edges[e][1]] = true; nEdges++; }
      if (item.hidden !== !on) { item.hidden = !on; changed[0].push({ id: item.id, hidden: !on }); }
    });
    if (st.mode === "hood" && st.focus !== null) keep[st.focus] = true;
    nodeItems.forEach(function (item) {
      var i = K.index[item.id], on = !!keep[i] || (st.orphans && st.types[K.typeOf(i)] !== false);
      if (on) shown.push(item.id);
      if (item.hidden !== !on) { item.hidden = !on; changed[1].push({ id: item.id, hidden: !on }); }
    });
    return { keep: keep, shown: shown, nEdges: nEdges, allowed: allowed, changed: changed };
  }
  K.apply = function () {
    var st = K.state;
    if (st.mode === "matrix") { K.renderMatrix(); return; }
    var v = visibility(K.visEdges.get(), K.nodes.get());
    if (v.changed[0].length) K.visEdges.update(v.changed[0]);
    if (v.changed[1].length) K.nodes.update(v.changed[1]);
    settle(v);
  };
  function settle(v) {
    var st = K.state, keep = v.keep, shown = v.shown, nEdges = v.nEdges, allowed = v.allowed;
    K.shown = shown;
    var pinned = K.data.focus !== null && K.data.focus !== undefined ? K.index[K.data.focus] : undefined;
    var what = st.mode === "hood" ? "Neighbourhood of " + K.label(st.focus) + " (depth " + st.depth + ")"
      : st.mode === "full" && pinned !== undefined ? "Neighbourhood of " + K.label(pinned) + " (depth " + K.data.depth + ")"
      : (st.mode === "people" && !K.data.speakers ? "Episodes and what they mention" : MODE_NAMES[st.mode]);
    if (st.mode === "hood" && K.hoodCut) {
      what += " (the " + K.count(K.hoodCut[0]) + " strongest of " + K.count(K.hoodCut[1]) + " neighbours)";
    }
    $("kg-note").textContent = what + ": " + K.count(shown.length) + " of " + K.count(K.N) + " entities shown, " +
      K.count(nEdges) + " links";
    var nAllowed = allowed ? Object.keys(allowed).length : 0;
    $("kg-filtered").textContent = allowed ? K.count(nAllowed) + (nAllowed === 1 ? " episode matches" : " episodes match") : "";
    $("kg-empty").hidden = shown.length > 0;
    if (st.selected !== null && !keep[st.selected]) K.clearSelection();
    else if (st.selected !== null) K.highlight(st.selected);
    if (shown.length) K.network.fit({ nodes: shown, animation: false });
    K.network.redraw();
  }
  K.setupFilters = function () {
    var st = K.state, counts = K.map(), relCounts = K.map();
    K.data.catalogue.entities.forEach(function (e, i) { counts[K.typeOf(i)] = (counts[K.typeOf(i)] || 0) + 1; });
    K.edges.forEach(function (x, e) { relCounts[K.rel(e)] = (relCounts[K.rel(e)] || 0) + 1; });
    function boxes(boxId, attr, c, cls, colourOf, shown) {
      Object.keys(c).sort().forEach(function (name) {
        var lab = el("label"), input = el("input"), sw = el("span", cls);
        input.type = "checkbox"; input.checked = true; input.setAttribute(attr, name);
        sw.style.background = colourOf(name);
        lab.appendChild(input); lab.appendChild(sw); lab.appendChild(el("span", null, name));
        lab.appendChild(el("span", "kg-count", K.count(c[name])));
        $(boxId).appendChild(lab);
        input.addEventListener("change", function () { shown[name] = input.checked; K.refresh(); });
      });
    }
    boxes("kg-types", "data-kg-type", counts, "kg-swatch", function (t) {
      var k = K.types.indexOf(t); return K.data.colours[k < 0 ? K.types.length : k];
    }, st.types);
    boxes("kg-relations", "data-kg-relation", relCounts, "kg-line", function (r) {
      var k = K.relations.indexOf(r); return K.data.relationColours[k < 0 ? K.relations.length : k];
    }, st.relations);
    var slider = $("kg-weight"), top = 1;
    K.edges.forEach(function (x) { top = Math.max(top, Math.ceil(x[3])); });
    slider.max = String(Math.min(top, 50));
    slider.addEventListener("input", function () {
      st.minWeight = Number(slider.value); $("kg-weight-value").textContent = slider.value; K.refresh();
    });
    var shows = [], episodes = [];
    K.data.catalogue.entities.forEach(function (e, i) {
      if (K.typeOf(i) === "Show") shows.push(i);
      if (K.typeOf(i) === "Episode") episodes.push(i);
    });
    shows.sort(function (a, b) { return K.label(a).localeCompare(K.label(b)); });
    episodes.sort(function (a, b) { return (K.info(b).date || "").localeCompare(K.info(a).date || "") || a - b; });
    shows.forEach(function (i) { var o = el("option", null, K.label(i)); o.value = String(i); $("kg-show").appendChild(o); });
    episodes.forEach(function (i) {
      var o = el("option", null, (K.info(i).date ? K.info(i).date + " " : "") + K.label(i));
      o.value = String(i); $("kg-episode").appendChild(o);
    });
    [["kg-show", "show"], ["kg-episode", "episode"], ["kg-from", "from"], ["kg-to", "to"]].forEach(function (p) {
      $(p[0]).addEventListener("change", function () { st[p[1]] = $(p[0]).value; K.refresh(); });
    });
    $("kg-orphans").addEventListener("change", function () { st.orphans = $("kg-orphans").checked; K.refresh(); });
    $("kg-depth").addEventListener("change", function () {
      st.depth = Number($("kg-depth").value) || 1;
      if (st.mode === "hood") K.setMode("hood");
    });
  };
  K.refresh = function () { if (K.state.mode === "hood") K.setMode("hood"); else K.apply(); };

  function ix(i) { return typeof i === "string" ? K.index[i] : i; }    // an entity id or its index
  K.select = function (i, keepMode) {
    i = ix(i);
    if (i === undefined || i === null || i < 0 || i >= K.N) return null;
    var st = K.state;
    st.focus = i;
    if (st.types[K.typeOf(i)] === false) {
      st.types[K.typeOf(i)] = true;
      document.querySelectorAll("input[data-kg-type]").forEach(function (b) { b.checked = st.types[b.getAttribute("data-kg-type")] !== false; });
    }
    if (!keepMode && (st.mode === "matrix" || !K.drawn[i] || K.nodes.get(K.id(i)).hidden)) K.setMode("hood");
    else document.querySelector("#kg-modes [data-kg-mode=hood]").disabled = false;
    st.selected = i;
    if (K.drawn[i]) K.highlight(i);
    K.showDetails(i);
    var hash = "#entity=" + encodeURIComponent(K.id(i));
    if (location.hash !== hash) history.replaceState(null, "", hash);
    K.network.redraw();
    return K.id(i);
  };
  K.focus = function (i, depth) {
    i = ix(i);
    if (i === undefined) return [];
    K.state.focus = i;
    if (depth) { K.state.depth = depth; $("kg-depth").value = String(depth); }
    K.setMode("hood");
    K.select(i, true);
    return K.shown.slice();
  };
  K.visibleEdges = function () {
    return K.visEdges.get({ filter: function (e) { return !e.hidden; } }).map(function (e) { return e.id; });
  };
  K.setHover = function (i) {
    K.state.hover = i;
    K.network.redraw();
  };
  function fromHash() {
    var m = /(?:^#|&)entity=([^&]*)/.exec(location.hash);
    if (!m) return;
    var id;
    try { id = decodeURIComponent(m[1]); } catch (err) { return; }
    if (K.index[id] !== undefined && K.state.selected !== K.index[id]) K.select(K.index[id]);
  }

  document.addEventListener("DOMContentLoaded", function () { K.start(); });
})();
