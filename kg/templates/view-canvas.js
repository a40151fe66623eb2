/* kg view, the canvas: labels (at least LABEL_PX on screen, never overlapping, heaviest first; more
   appear on zoom) and the selection drawn over a veil. Exposes window.kgLabelBoxes() for tests. */
(function () {
  "use strict";
  var K = window.kgView;
  var LABEL_PX = 13, LABEL_H = 16, MAX_LABELS = 180, BIG = 8;
  /* ---- labels: at least LABEL_PX on screen, never overlapping, heaviest first; more appear on zoom ---- */
  K.drawLabels = function (ctx) {
    var net = K.network, st = K.state, boxes = [], grid = K.map(), cell = 64;
    if (st.mode === "matrix") { K.boxes = []; return; }
    var canvas = net.body.container.getBoundingClientRect(), W = canvas.width, H = canvas.height;
    var scale = net.getScale(), cand = [];
    (K.shown || []).forEach(function (id) {
      var i = K.index[id], n = net.body.nodes[id];
      if (!n) return;
      var rank = i === st.selected ? 3 : (i === st.hover ? 2 : (K.dimmed ? (K.lit[i] ? 1 : -1) : 0));
      if (rank < 0) return;
      cand.push([rank, n.options.size, id, i, n.x, n.y, net.canvasToDOM({ x: n.x, y: n.y })]);
    });
    // a label covers no other node's disc, except that the BIG heaviest nodes' labels may cross smaller discs
    var sizes = cand.map(function (it) { return it[1]; }).sort(function (a, b) { return b - a; });
    var big = sizes.length > BIG ? sizes[BIG - 1] : 0;
    var discs = K.map();
    cand.forEach(function (it) {
      var p = it[6], r = it[1] * scale, d = { x: p.x, y: p.y, r: r, owner: it[3], size: it[1] };
      for (var gx = Math.floor((p.x - r) / cell); gx <= Math.floor((p.x + r) / cell); gx++) {
        for (var gy = Math.floor((p.y - r) / cell); gy <= Math.floor((p.y + r) / cell); gy++) {
          (discs[gx + "," + gy] = discs[gx + "," + gy] || []).push(d);
        }
      }
    });
    cand.sort(function (a, b) { return b[0] - a[0] || b[1] - a[1] || (a[2] < b[2] ? -1 : 1); });
    ctx.save();
    ctx.setTransform(net.canvas.pixelRatio, 0, 0, net.canvas.pixelRatio, 0, 0);
    ctx.font = LABEL_PX + "px system-ui, sans-serif";
    ctx.textAlign = "left"; ctx.textBaseline = "top"; ctx.lineWidth = 3; ctx.strokeStyle = "#ffffff";
    ctx.lineJoin = "round";
    function free(b, owner, size) {
      for (var gx = Math.floor(b.x / cell); gx <= Math.floor((b.x + b.w) / cell); gx++) {
        for (var gy = Math.floor(b.y / cell); gy <= Math.floor((b.y + b.h) / cell); gy++) {
          var list = grid[gx + "," + gy] || [], near = discs[gx + "," + gy] || [];
          for (var k = 0; k < list.length; k++) {
            var o = list[k];
            if (b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) return false;
          }
          for (var m = 0; m < near.length; m++) {
            var d = near[m];
            if (d.owner === owner || (size >= big && d.size < size)) continue;
            var dx = Math.max(b.x - d.x, 0, d.x - b.x - b.w), dy = Math.max(b.y - d.y, 0, d.y - b.y - b.h);
            if (dx * dx + dy * dy < d.r * d.r) return false;
          }
        }
      }
      return true;
    }
    for (var c = 0; c < cand.length && boxes.length < MAX_LABELS; c++) {
      var it = cand[c], p = it[6], text = K.label(it[3]);
      if (text.length > 40) text = text.slice(0, 39) + "…";
      var w = ctx.measureText(text).width + 4, r = it[1] * scale;
      // below the disc, else above, right, left: the first place that is free and on screen
      var b = null, places = [[p.x - w / 2, p.y + r + 1], [p.x - w / 2, p.y - r - 1 - LABEL_H],
                              [p.x + r + 2, p.y - LABEL_H / 2], [p.x - r - 2 - w, p.y - LABEL_H / 2]];
      for (var q = 0; q < places.length && !b; q++) {
        var t = { x: places[q][0], y: places[q][1], w: w, h: LABEL_H };
        if (t.x >= 0 && t.y >= 0 && t.x + t.w <= W && t.y + t.h <= H && free(t, it[3], it[1])) b = t;
      }
      if (!b) continue;
      for (var gx = Math.floor(b.x / cell); gx <= Math.floor((b.x + b.w) / cell); gx++) {
        for (var gy = Math.floor(b.y / cell); gy <= Math.floor((b.y + b.h) / cell); gy++) {
          (grid[gx + "," + gy] = grid[gx + "," + gy] || []).push(b);
        }
      }
      ctx.fillStyle = K.dimmed && !K.lit[it[3]] ? "#8c959f" : "#1f2328";
      ctx.strokeText(text, b.x + 2, b.y + 1);
      ctx.fillText(text, b.x + 2, b.y + 1);
      boxes.push({ id: it[2], text: text, x: canvas.left + b.x, y: canvas.top + b.y, w: b.w, h: b.h, font: LABEL_PX });
    }
    if (st.hover !== null && net.body.nodes[K.id(st.hover)]) {
      var hn = net.body.nodes[K.id(st.hover)], hp = net.canvasToDOM({ x: hn.x, y: hn.y });
      ctx.beginPath(); ctx.lineWidth = 3; ctx.strokeStyle = "#bf8700";
      ctx.arc(hp.x, hp.y, hn.options.size * scale + 5, 0, 2 * Math.PI); ctx.stroke();
    }
    ctx.restore();
    K.boxes = boxes;
  };
  window.kgLabelBoxes = function () { return K.boxes.slice(); };

  /* ---- selection: the node and its neighbours stay bright, the rest dims; the URL remembers it ---- */
  K.highlight = function (i) {
    var lit = K.map(), id = K.id(i), litEdges = [];
    lit[i] = true;
    K.adj[i].forEach(function (e) {
      var item = K.visEdges.get("e" + e);
      if (!item || item.hidden) return;
      litEdges.push(item);
      lit[K.edges[e][0]] = lit[K.edges[e][1]] = true;
    });
    K.lit = lit; K.litEdges = litEdges; K.dimmed = true;
  };
  K.lit = K.map(); K.litEdges = [];
  K.clearSelection = function () {
    K.state.selected = null;
    if (!K.dimmed) return;
    K.dimmed = false;
    K.network.redraw();
  };
  /* the selection drawn over a veil: the node, its links and its neighbours at full strength */
  K.drawSelection = function (ctx) {
    if (!K.dimmed) return;
    var net = K.network, pr = net.canvas.pixelRatio, box = net.body.container.getBoundingClientRect();
    ctx.save();
    ctx.setTransform(pr, 0, 0, pr, 0, 0);
    ctx.fillStyle = "rgba(255,255,255,0.82)";
    ctx.fillRect(0, 0, box.width, box.height);
    ctx.restore();
    K.litEdges.forEach(function (item) {
      var a = net.body.nodes[item.from], b = net.body.nodes[item.to];
      if (!a || !b) return;
      ctx.beginPath(); ctx.strokeStyle = item.color.color; ctx.globalAlpha = 0.9; ctx.lineWidth = item.width;
      ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y); ctx.stroke();
    });
    ctx.globalAlpha = 1;
    Object.keys(K.lit).forEach(function (k) {
      var n = net.body.nodes[K.id(Number(k))];
      if (!n || n.options.hidden) return;
      ctx.beginPath(); ctx.fillStyle = K.colour(Number(k));
      ctx.arc(n.x, n.y, n.options.size, 0, 2 * Math.PI); ctx.fill();
      ctx.lineWidth = Number(k) === K.state.selected ? 4 : 1; ctx.strokeStyle = "#1f2328"; ctx.stroke();
    });
  };
  K.highlighted = function () {
    return K.dimmed ? Object.keys(K.lit).map(Number).filter(function (i) { return K.drawn[i]; }).map(K.id).sort() : [];
  };
})();
