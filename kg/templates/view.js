/* kg view: every string from the graph is untrusted data. The DOM is built with
   createElement + textContent only; links get an href only when the URL is http(s). */
(function () {
  "use strict";
  var view = window.kgView = { ready: false, readyMs: null, timings: {} };
  function mark(name) { view.timings[name] = Math.round(performance.now()); }
  mark("start");
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  mark("parsed");
  var $ = function (id) { return document.getElementById(id); };
  var MAX_QUOTES = 5, MAX_NEIGHBOURS = 10, MAX_RESULTS = 20;
  var RELATIONS = ["part_of", "hosted_by", "features", "discusses", "mentions", "co_occurs_with", "sponsored_by"];
  var EPISODE_HEADINGS = { part_of: "Show", hosted_by: "Host", features: "Guests", mentions: "Top mentions",
                           sponsored_by: "Sponsors" };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function safeUrl(url) {
    if (typeof url !== "string") return null;
    try {
      var u = new URL(url);
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
    } catch (err) { return null; }
  }
  function link(text, url) {
    var href = safeUrl(url);
    if (!href) return el("span", "kg-nolink", text);
    var a = el("a", null, text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function clock(seconds) {
    var s = Math.max(0, Math.floor(Number(seconds))), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return (h ? h + ":" + pad(m) : String(m)) + ":" + pad(s % 60);
  }
  function number(x) { return Number.isInteger(x) ? String(x) : Number(x).toFixed(2); }

  function map() { return Object.create(null); }    // no prototype: ids like "__proto__" stay plain keys
  var colours = map(), relColours = map();
  data.types.forEach(function (t) { colours[t[0]] = t[1]; });
  data.relations.forEach(function (r) { relColours[r[0]] = r[1]; });
  var details = data.details, edgeInfo = data.edgeInfo, nodeById = map(), adjacency = map();
  data.nodes.forEach(function (n) { nodeById[n.id] = n; adjacency[n.id] = []; });
  data.edges.forEach(function (e) {
    adjacency[e.from].push(e);
    if (e.to !== e.from) adjacency[e.to].push(e);
  });
  function label(id) { return details[id] ? details[id].label : id; }
  function typeOf(id) { return (details[id] || {}).type || "Other"; }

  function nodeTip(n) {
    var d = details[n.id], tip = el("div", "kg-tip");
    tip.appendChild(el("strong", null, d.label));
    var meta = d.type || "";
    if (d.mentions) meta += " · " + d.mentions + " mentions";
    if (d.date) meta += " · " + d.date;
    tip.appendChild(el("span", null, meta));
    return tip;
  }
  function edgeTip(e) {
    var info = edgeInfo[e.id], tip = el("div", "kg-tip");
    tip.appendChild(el("strong", null, label(e.from) + " " + info.relation + " " + label(e.to)));
    var meta = "weight " + number(info.weight);
    if (info.score !== undefined && info.score !== null) meta += " · NPMI " + number(info.score);
    tip.appendChild(el("span", null, meta));
    return tip;
  }
  data.nodes.forEach(function (n) { n.title = nodeTip(n); n.hidden = false; });
  data.edges.forEach(function (e) { e.title = edgeTip(e); e.hidden = false; });

  mark("tooltips");
  var nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
  var network = new vis.Network($("kg-graph"), { nodes: nodes, edges: edges }, data.options);
  mark("network");
  view.network = network; view.nodes = nodes; view.edges = edges;
  var readying = false;
  function markReady() {
    if (readying) return;
    readying = true;
    network.once("afterDrawing", function () {
      mark("ready");
      view.readyMs = view.timings.ready;
      view.ready = true;
      document.documentElement.setAttribute("data-kg-ready", "true");
    });
    network.redraw();
  }
  network.once("stabilizationIterationsDone", function () {
    mark("stabilised");
    network.setOptions({ physics: { enabled: false } });
    markReady();
  });
  var physics = data.options.physics || {};
  if (physics.enabled === false || !physics.stabilization || !physics.stabilization.enabled || !data.nodes.length) {
    network.fit({ animation: false });
    markReady();
  }

  /* ---- filters: types, relations, minimum weight, focus ---- */
  var state = { types: map(), relations: map(), minWeight: 1, focus: null };
  function countBy(list, key) {
    var c = map();
    list.forEach(function (x) { var k = key(x); c[k] = (c[k] || 0) + 1; });
    return c;
  }
  function checkbox(box, attr, name, count, swatch) {
    var lab = el("label"), input = el("input");
    input.type = "checkbox";
    input.checked = true;
    input.setAttribute(attr, name);
    lab.appendChild(input);
    lab.appendChild(swatch);
    lab.appendChild(el("span", null, name));
    lab.appendChild(el("span", "kg-count", count));
    box.appendChild(lab);
    return input;
  }
  /* one checkbox per type (or relation), with its colour and count; unchecking hides it */
  function filterBoxes(boxId, attr, counts, swatchClass, palette, shown) {
    Object.keys(counts).sort().forEach(function (name) {
      var sw = el("span", swatchClass);
      sw.style.background = palette[name] || "#bab0ac";
      shown[name] = true;
      checkbox($(boxId), attr, name, counts[name], sw).addEventListener("change", function (ev) {
        shown[name] = ev.target.checked;
        apply();
      });
    });
  }
  filterBoxes("kg-types", "data-kg-type", countBy(data.nodes, function (n) { return typeOf(n.id); }),
              "kg-swatch", colours, state.types);
  filterBoxes("kg-relations", "data-kg-relation", countBy(data.edges, function (e) { return edgeInfo[e.id].relation; }),
              "kg-line", relColours, state.relations);
  var slider = $("kg-weight"), maxWeight = 1;
  data.edges.forEach(function (e) { maxWeight = Math.max(maxWeight, Math.ceil(edgeInfo[e.id].weight)); });
  slider.max = String(maxWeight);
  slider.addEventListener("input", function () {
    state.minWeight = Number(slider.value);
    $("kg-weight-value").textContent = slider.value;
    apply();
  });
  $("kg-size").addEventListener("change", function () {
    var i = Number($("kg-size").value);
    nodes.update(data.nodes.map(function (n) { return { id: n.id, size: details[n.id].size[i] }; }));
  });
  $("kg-depth").value = String(Math.min(3, Math.max(1, data.depth || 2)));

  function apply() {
    var nodeChanges = [], edgeChanges = [];
    data.nodes.forEach(function (n) {
      var visible = state.types[typeOf(n.id)] !== false && (!state.focus || state.focus.has(n.id));
      if (n.hidden === visible) { n.hidden = !visible; nodeChanges.push({ id: n.id, hidden: !visible }); }
    });
    data.edges.forEach(function (e) {
      var info = edgeInfo[e.id];
      // vis-network already hides the edges of hidden nodes
      var visible = state.relations[info.relation] !== false && info.weight >= state.minWeight;
      if (e.hidden === visible) { e.hidden = !visible; edgeChanges.push({ id: e.id, hidden: !visible }); }
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
  }

  function within(id, depth) {
    var seen = new Set([id]), frontier = [id];
    for (var d = 0; d < depth; d++) {
      var next = [];
      frontier.forEach(function (n) {
        adjacency[n].forEach(function (e) {
          var m = e.from === n ? e.to : e.from;
          if (!seen.has(m)) { seen.add(m); next.push(m); }
        });
      });
      frontier = next;
    }
    return seen;
  }
  function focus(id, depth) {
    if (!nodeById[id]) return [];
    depth = depth || Number($("kg-depth").value) || 2;
    state.focus = within(id, depth);
    state.types[typeOf(id)] = true;
    syncTypeBoxes();
    apply();
    $("kg-unfocus").hidden = false;
    $("kg-note").textContent = "Neighbourhood of " + label(id) + " (depth " + depth + "): " +
      state.focus.size.toLocaleString("en-US") + " of " + data.nodes.length.toLocaleString("en-US") + " nodes shown";
    network.selectNodes([id]);
    network.fit({ nodes: Array.from(state.focus), animation: false });
    showDetails(id);
    return Array.from(state.focus);
  }
  function unfocus() {
    state.focus = null;
    $("kg-unfocus").hidden = true;
    $("kg-note").textContent = data.note;
    apply();
    network.fit({ animation: false });
  }
  function syncTypeBoxes() {
    document.querySelectorAll("input[data-kg-type]").forEach(function (box) {
      box.checked = state.types[box.getAttribute("data-kg-type")] !== false;
    });
  }
  $("kg-unfocus").addEventListener("click", unfocus);

  /* ---- selection and the details panel ---- */
  function select(id) {
    if (!nodeById[id]) return null;
    if (state.types[typeOf(id)] === false) { state.types[typeOf(id)] = true; syncTypeBoxes(); }
    if (state.focus && !state.focus.has(id)) state.focus = null;
    apply();
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
    showDetails(id);
    return id;
  }
  function nodeButton(id) {
    var b = el("button", "kg-link", label(id));
    b.type = "button";
    b.addEventListener("click", function () { select(id); });
    return b;
  }
  function groups(id) {
    var out = map();
    adjacency[id].forEach(function (e) {
      var info = edgeInfo[e.id], outgoing = e.from === id, other = outgoing ? e.to : e.from;
      var undirected = e.arrows === "";
      var key = undirected ? info.relation : (outgoing ? "→ " : "← ") + info.relation;
      (out[key] = out[key] || { relation: info.relation, outgoing: outgoing || undirected, items: [] })
        .items.push({ id: other, info: info });
    });
    Object.keys(out).forEach(function (k) {
      out[k].items.sort(function (a, b) {
        return (b.info.weight - a.info.weight) || label(a.id).localeCompare(label(b.id)) || (a.id < b.id ? -1 : 1);
      });
    });
    return out;
  }
  function quote(ev, current, other, about) {
    var q = el("blockquote", "kg-quote");
    q.appendChild(el("p", null, ev.quote || ""));
    var meta = el("p", "kg-meta"), parts = [];
    if (about && other !== ev.episode) parts.push(nodeButton(other));
    if (ev.speaker) parts.push(el("span", "kg-speaker", ev.speaker));
    if (ev.episode && ev.episode !== current && ev.episode !== other) {
      parts.push(nodeById[ev.episode] ? nodeButton(ev.episode) : el("span", null, ev.episode_label || ev.episode));
    }
    if (ev.seconds !== undefined && ev.seconds !== null) parts.push(link("at " + clock(ev.seconds), ev.url));
    else if (ev.url) parts.push(link("source", ev.url));
    parts.forEach(function (p, i) { if (i) meta.appendChild(document.createTextNode(" · ")); meta.appendChild(p); });
    if (parts.length) q.appendChild(meta);
    return q;
  }
  function showDetails(id) {
    var d = details[id], box = $("kg-details");
    while (box.firstChild) box.removeChild(box.firstChild);
    if (!d) return;
    box.appendChild(el("h2", "kg-label", label(id)));
    var type = el("span", "kg-type", d.type || "Other");
    type.style.background = colours[d.type] || "#bab0ac";
    var head = el("p", "kg-meta");
    head.appendChild(type);
    if (d.mentions) head.appendChild(document.createTextNode(" " + d.mentions + " mentions"));
    if (d.date) head.appendChild(document.createTextNode(" · " + d.date));
    box.appendChild(head);
    var seen = new Set([fold(d.label)]), aliases = (d.aliases || []).filter(function (a) {
      var k = fold(a);
      return seen.has(k) ? false : (seen.add(k), true);
    });
    if (aliases.length) box.appendChild(el("p", "kg-meta kg-aliases", "Also: " + aliases.join(", ")));
    if (typeof d.wikidata === "string" && /^Q[0-9]+$/.test(d.wikidata)) {
      var wd = el("p", "kg-meta");
      wd.appendChild(link("Wikidata " + d.wikidata, "https://www.wikidata.org/wiki/" + d.wikidata));
      box.appendChild(wd);
    }
    if (d.sources && d.sources.length) {
      var found = el("p", "kg-meta kg-sources", "Found in " + d.sources.length + (d.sources.length > 1 ? " files" : " file"));
      found.title = d.sources.join("\n");
      box.appendChild(found);
    }
    if (d.url) { var src = el("p", "kg-meta"); src.appendChild(link(d.url, d.url)); box.appendChild(src); }
    if (d.chapters && d.chapters.length) {
      var chapters = el("section", "kg-group kg-chapters"), list = el("ol", "kg-neighbours");
      chapters.appendChild(el("h3", null, "Chapters · " + d.chapters.length));
      d.chapters.forEach(function (c) {
        var li = el("li"), at = (c.seconds !== undefined && c.seconds !== null) ? clock(c.seconds) + " " : "";
        li.appendChild(link(at + (c.title || ""), c.url));
        list.appendChild(li);
      });
      chapters.appendChild(list);
      box.appendChild(chapters);
    }
    var actions = el("p", "kg-meta"), fb = el("button", null, "Focus on this neighbourhood");
    fb.type = "button";
    fb.id = "kg-focus-btn";
    fb.addEventListener("click", function () { focus(id); });
    actions.appendChild(fb);
    box.appendChild(actions);
    var g = groups(id), keys = Object.keys(g);
    var order = function (k) {
      var r = RELATIONS.indexOf(g[k].relation);
      return 2 * (r < 0 ? RELATIONS.length : r) + (g[k].outgoing ? 0 : 1);
    };
    keys.sort(function (a, b) { return order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0); });
    keys.forEach(function (k) {
      var grp = g[k], sec = el("section", "kg-group");
      sec.setAttribute("data-kg-relation", grp.relation);
      var title = d.type === "Episode" && grp.outgoing && EPISODE_HEADINGS[grp.relation]
        ? EPISODE_HEADINGS[grp.relation] + " (" + grp.relation + ")" : k;
      sec.appendChild(el("h3", null, title + " · " + grp.items.length));
      var ul = el("ul", "kg-neighbours");
      grp.items.slice(0, MAX_NEIGHBOURS).forEach(function (it) {
        var li = el("li");
        li.appendChild(nodeButton(it.id));
        li.appendChild(el("span", "kg-weight", number(it.info.weight)));
        ul.appendChild(li);
      });
      sec.appendChild(ul);
      var more = grp.items.length - MAX_NEIGHBOURS;
      if (more > 0) sec.appendChild(el("p", "kg-meta", "+" + more + " more"));
      var shown = 0;
      grp.items.forEach(function (it) {
        (it.info.evidence || []).forEach(function (ev) {
          if (ev.quote && shown < MAX_QUOTES) {
            shown++;
            sec.appendChild(quote(ev, id, it.id, grp.relation === "co_occurs_with" || d.type === "Episode"));
          }
        });
      });
      box.appendChild(sec);
    });
  }
  network.on("click", function (params) {
    if (params.nodes && params.nodes.length) showDetails(params.nodes[0]);
  });

  /* ---- search by label or alias ---- */
  var index = data.nodes.map(function (n) {
    return { id: n.id, label: fold(details[n.id].label), aliases: (details[n.id].aliases || []).map(fold),
             mentions: details[n.id].mentions || 0 };
  });
  function score(entry, q) {
    if (entry.label === q) return 0;
    if (entry.aliases.indexOf(q) >= 0) return 1;
    if (entry.label.indexOf(q) === 0) return 2;
    if (entry.aliases.some(function (a) { return a.indexOf(q) === 0; })) return 3;
    if (entry.label.indexOf(q) > 0) return 4;
    if (entry.aliases.some(function (a) { return a.indexOf(q) > 0; })) return 5;
    return -1;
  }
  function find(text) {
    var q = fold(text);
    if (!q) return [];
    var hits = [];
    index.forEach(function (e) { var s = score(e, q); if (s >= 0) hits.push([s, -e.mentions, label(e.id), e.id]); });
    hits.sort(function (a, b) {
      for (var i = 0; i < 4; i++) { if (a[i] < b[i]) return -1; if (a[i] > b[i]) return 1; }
      return 0;
    });
    return hits.map(function (h) { return h[3]; });
  }
  var results = $("kg-results"), input = $("kg-search");
  function showResults(ids) {
    while (results.firstChild) results.removeChild(results.firstChild);
    ids.slice(0, MAX_RESULTS).forEach(function (id, i) {
      var li = el("li", i === 0 ? "kg-best" : null), b = el("button", "kg-link", label(id) + " · " + typeOf(id));
      b.type = "button";
      b.addEventListener("click", function () { results.hidden = true; select(id); });
      li.appendChild(b);
      results.appendChild(li);
    });
    results.hidden = ids.length === 0;
  }
  function search(text) {
    var ids = find(text);
    if (ids.length) select(ids[0]);
    return ids;
  }
  input.addEventListener("input", function () { showResults(find(input.value)); });
  document.addEventListener("click", function (ev) { if (!$("kg-find").contains(ev.target)) results.hidden = true; });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); results.hidden = true; search(input.value); }
    if (ev.key === "Escape") results.hidden = true;
  });

  view.search = search;
  view.find = find;
  view.focus = focus;
  view.unfocus = unfocus;
  view.select = select;
  view.typeOf = typeOf;
  view.visibleEdges = function () {       // drawn edges: not filtered out and both ends shown
    return data.edges.filter(function (e) { return !e.hidden && !nodeById[e.from].hidden && !nodeById[e.to].hidden; })
      .map(function (e) { return e.id; });
  };
  view.apply = apply;
  if (data.focus && nodeById[data.focus]) {
    network.selectNodes([data.focus]);
    showDetails(data.focus);
  }
})();
