/* kg view, the details panel: neighbours by relation with weights, quote cards that name the
   neighbour they support, and a timeline of mentions per episode date. textContent only. */
(function () {
  "use strict";
  var K = window.kgView, el = K.el;
  var MAX_QUOTES = 4, MAX_NEIGHBOURS = 10, ORDER = ["part_of", "hosted_by", "features", "discusses", "mentions",
                                                    "co_occurs_with", "sponsored_by"];
  var EPISODE_HEADINGS = { part_of: "Show", hosted_by: "Host", features: "Guests", mentions: "Top mentions",
                           sponsored_by: "Sponsors" };

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
    a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  K.link = link;
  function clock(seconds) {
    var s = Math.max(0, Math.floor(Number(seconds))), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return (h ? h + ":" + pad(m) : String(m)) + ":" + pad(s % 60);
  }
  function nodeButton(i) {
    var b = el("button", "kg-link", K.label(i));
    b.type = "button";
    b.addEventListener("click", function () { K.select(i); });
    return b;
  }
  K.nodeButton = nodeButton;
  /* one quote card: the quote, then whom it is about (the neighbour), who said it, where, when */
  K.quote = function (ev, current, other, arrow) {
    var q = el("blockquote", "kg-quote");
    q.appendChild(el("p", null, K.strings[ev[0]] || ""));
    var meta = el("p", "kg-meta"), parts = [], about = el("span", "kg-about");
    about.appendChild(document.createTextNode(arrow + " "));
    about.appendChild(nodeButton(other));
    parts.push(about);
    if (ev[1] >= 0 && K.strings[ev[1]] !== K.label(other) && K.strings[ev[1]] !== K.label(current)) {
      parts.push(el("span", "kg-speaker", K.strings[ev[1]]));
    }
    if (ev[2] >= 0 && ev[2] !== current && ev[2] !== other) parts.push(nodeButton(ev[2]));
    if (ev[3] !== null && ev[3] !== undefined) parts.push(link("at " + clock(ev[3]), ev[4]));
    else if (ev[4]) parts.push(link("source", ev[4]));
    parts.forEach(function (p, k) { if (k) meta.appendChild(document.createTextNode(" · ")); meta.appendChild(p); });
    q.appendChild(meta);
    return q;
  };

  function groups(i) {
    var out = K.map();
    K.adj[i].forEach(function (e) {
      var x = K.edges[e], rel = K.rel(e), outgoing = x[0] === i, other = outgoing ? x[1] : x[0];
      var undirected = rel === "co_occurs_with";
      var key = undirected ? rel : (outgoing ? "→ " : "← ") + rel;
      (out[key] = out[key] || { relation: rel, outgoing: outgoing || undirected, items: [] })
        .items.push({ id: other, e: e, w: x[3] });
    });
    Object.keys(out).forEach(function (k) {
      out[k].items.sort(function (a, b) { return (b.w - a.w) || K.label(a.id).localeCompare(K.label(b.id)) || a.id - b.id; });
    });
    return out;
  }

  /* mentions per episode date; episodes without a date are counted and said */
  K.timeline = function (i) {
    var byDate = K.map(), undated = 0, undatedMentions = 0;
    K.adj[i].forEach(function (e) {
      var x = K.edges[e];
      if (K.rel(e) !== "mentions" || x[1] !== i || K.typeOf(x[0]) !== "Episode") return;
      var date = K.info(x[0]).date;
      if (date) byDate[date] = (byDate[date] || 0) + x[3];
      else { undated++; undatedMentions += x[3]; }
    });
    return { dates: Object.keys(byDate).sort().map(function (d) { return [d, byDate[d]]; }), undated: undated,
             undatedMentions: undatedMentions };
  };
  function timelineSection(i) {
    var t = K.timeline(i);
    if (!t.dates.length && !t.undated) return null;
    var sec = el("section", "kg-group kg-time"), top = 1;
    sec.appendChild(el("h3", null, "Mentions per episode date"));
    t.dates.forEach(function (d) { top = Math.max(top, d[1]); });
    if (t.dates.length) {
      var bars = el("div", "kg-timeline");
      t.dates.forEach(function (d) {
        var b = el("div", "kg-bar");
        b.style.height = Math.max(4, Math.round(56 * d[1] / top)) + "px";
        b.title = d[0] + ": " + d[1];
        b.setAttribute("data-kg-date", d[0]);
        bars.appendChild(b);
      });
      sec.appendChild(bars);
      sec.appendChild(el("p", "kg-meta", t.dates[0][0] + (t.dates.length > 1 ? " … " + t.dates[t.dates.length - 1][0] : "") +
                         " · " + t.dates.length + (t.dates.length > 1 ? " dates" : " date")));
    }
    if (t.undated) {
      sec.appendChild(el("p", "kg-meta kg-undated", t.undatedMentions + " mentions in " + t.undated +
                         (t.undated > 1 ? " undated episodes" : " undated episode") + " not on the timeline"));
    }
    return sec;
  }

  function clear() {
    var box = K.$("kg-details");
    while (box.firstChild) box.removeChild(box.firstChild);
    return box;
  }
  K.showDetails = function (i) {
    var d = K.info(i), box = clear(), type = K.typeOf(i);
    box.appendChild(el("h2", "kg-label", K.label(i)));
    var badge = el("span", "kg-type", type), head = el("p", "kg-meta");
    badge.style.background = K.colour(i);
    head.appendChild(badge);
    if (K.mentions(i)) head.appendChild(document.createTextNode(" " + K.mentions(i) + " mentions"));
    if (d.date) head.appendChild(document.createTextNode(" · " + d.date));
    box.appendChild(head);
    var seen = new Set([K.fold(K.label(i))]), aliases = (d.aliases || []).filter(function (a) {
      var k = K.fold(a);
      return seen.has(k) ? false : (seen.add(k), true);
    });
    if (aliases.length) box.appendChild(el("p", "kg-meta kg-aliases", "Also: " + aliases.join(", ")));
    if (typeof d.wikidata === "string" && /^Q[0-9]+$/.test(d.wikidata)) {
      var wd = el("p", "kg-meta");
      wd.appendChild(link("Wikidata " + d.wikidata, "https://www.wikidata.org/wiki/" + d.wikidata));
      box.appendChild(wd);
    }
    if (d.nsources) {
      var found = el("p", "kg-meta kg-sources", "Found in " + d.nsources + (d.nsources > 1 ? " files" : " file"));
      found.title = d.sources.join("\n") + (d.nsources > d.sources.length ? "\n…" : "");
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
    fb.type = "button"; fb.id = "kg-focus-btn";
    fb.addEventListener("click", function () { K.focus(i); });
    actions.appendChild(fb);
    box.appendChild(actions);
    if (type !== "Episode" && type !== "Show") {
      var time = timelineSection(i);
      if (time) box.appendChild(time);
    }
    var g = groups(i), keys = Object.keys(g);
    var order = function (k) {
      var r = ORDER.indexOf(g[k].relation);
      return 2 * (r < 0 ? ORDER.length : r) + (g[k].outgoing ? 0 : 1);
    };
    keys.sort(function (a, b) { return order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0); });
    keys.forEach(function (k) {
      var grp = g[k], sec = el("section", "kg-group");
      sec.setAttribute("data-kg-relation", grp.relation);
      var title = type === "Episode" && grp.outgoing && EPISODE_HEADINGS[grp.relation]
        ? EPISODE_HEADINGS[grp.relation] + " (" + grp.relation + ")" : k;
      sec.appendChild(el("h3", null, title + " · " + grp.items.length));
      var ul = el("ul", "kg-neighbours");
      grp.items.slice(0, MAX_NEIGHBOURS).forEach(function (it) {
        var li = el("li");
        li.setAttribute("data-kg-neighbour", K.id(it.id));
        li.appendChild(K.nodeButton(it.id));
        li.appendChild(el("span", "kg-weight", K.number(it.w)));
        li.addEventListener("mouseenter", function () { li.classList.add("kg-hover"); K.setHover(it.id); });
        li.addEventListener("mouseleave", function () { li.classList.remove("kg-hover"); K.setHover(null); });
        ul.appendChild(li);
      });
      sec.appendChild(ul);
      var more = grp.items.length - MAX_NEIGHBOURS;
      if (more > 0) sec.appendChild(el("p", "kg-meta", "+" + more + " more"));
      var shown = 0, cards = K.map(), arrow = grp.relation === "co_occurs_with" ? "with" : (grp.outgoing ? "→" : "←");
      grp.items.forEach(function (it) {
        K.edges[it.e][6].forEach(function (ev) {
          var key = ev[0] + " " + it.id;
          if (shown < MAX_QUOTES && !cards[key]) {
            cards[key] = true; shown++;
            sec.appendChild(K.quote(ev, i, it.id, arrow));
          }
        });
      });
      box.appendChild(sec);
    });
  };

  /* the quotes of one link (a matrix cell) */
  K.showEdge = function (e) {
    var x = K.edges[e], box = clear(), rel = K.rel(e);
    var h = el("h2", "kg-label");
    h.appendChild(K.nodeButton(x[0]));
    h.appendChild(document.createTextNode(" " + rel + " "));
    h.appendChild(K.nodeButton(x[1]));
    box.appendChild(h);
    box.appendChild(el("p", "kg-meta", "weight " + K.number(x[3]) + " · in " + x[5].length +
                       (x[5].length === 1 ? " episode" : " episodes")));
    var sec = el("section", "kg-group kg-edge");
    sec.setAttribute("data-kg-relation", rel);
    x[6].forEach(function (ev) { sec.appendChild(K.quote(ev, x[0], x[1], "→")); });
    if (!x[6].length) sec.appendChild(el("p", "kg-meta", "No quote kept for this link."));
    else if (x[3] > x[6].length) {
      sec.appendChild(el("p", "kg-meta", x[6].length + " of " + K.number(x[3]) + " shown; graph.ttl keeps the rest"));
    }
    box.appendChild(sec);
    K.shownEdge = e;
  };
})();
