// The interactive page's style and script (html_export.hpp), written for nbhd: no library, no network.
// The script reads the JSON in <script id="nbhd-data">: fit size `w` x `h` (CSS px at the initial fit),
// `q` (integer units per px of the coarse and fine levels), `colours` + `fill` (a colour index per area),
// `code`/`name`/`fields`/`values`/`class_names`/ `class` (tooltips), the legend, `m_per_px` (ground metres
// per px at the fit, for the scale bar); and the geometry in two text elements, nbhd-coarse and nbhd-fine
// (see decode()).
//
// Self-test (used by the browser test): with #selftest=CODE in the URL (or #selftest: the first area), the
// page zooms to that area, sends a mousemove to a point inside it through the same handler as the mouse, and
// writes the tooltip, the legend and any script errors into <pre id="nbhd-selftest">, one "key=value" line
// each. The load time (parse, decode, first paint) is written there on every load as load_ms.
#include "render/export/html_export.hpp"

namespace nbhd {

const char* html_page_style() {
  return R"CSS(
html,body{margin:0;height:100%;overflow:hidden;font:14px/1.35 "DejaVu Sans",Verdana,Arial,sans-serif;color:#222}
#map{position:fixed;left:0;top:0;width:100%;height:100%;cursor:grab;touch-action:none}
#map.drag{cursor:grabbing}
#titlebox{position:fixed;left:10px;top:8px;max-width:60%;background:rgba(255,255,255,.85);padding:4px 8px;
 border-radius:4px;pointer-events:none}
#titlebox h1{font-size:18px;margin:0}
#titlebox p{margin:2px 0 0;color:#555}
#legend{position:fixed;right:10px;top:8px;background:rgba(255,255,255,.92);padding:6px 10px;border-radius:4px;
 box-shadow:0 1px 4px rgba(0,0,0,.3);max-height:70%;overflow:auto}
#legend h2{font-size:14px;margin:0 0 4px}
#legend .row{display:flex;align-items:center;gap:6px;margin:2px 0;white-space:nowrap}
#legend .sw{width:18px;height:12px;border:1px solid #777;flex:none}
#legend .count{margin-left:auto;padding-left:10px;color:#555}
#legend table{border-collapse:collapse}
#legend td{width:46px;height:26px;text-align:center;font-size:11px;border:1px solid #fff}
#zoom{position:fixed;left:10px;top:50%;display:flex;flex-direction:column;gap:4px}
#zoom button{width:30px;height:30px;font-size:18px;border:1px solid #888;border-radius:4px;background:#fff;cursor:pointer}
#scalebar{position:fixed;left:10px;bottom:10px;background:rgba(255,255,255,.85);padding:3px 6px;border-radius:3px}
#scaleline{height:6px;border:2px solid #222;border-top:none}
#attribution{position:fixed;right:10px;bottom:8px;font-size:11px;color:#444;background:rgba(255,255,255,.85);
 padding:2px 6px;border-radius:3px;text-align:right;max-width:60%}
#tooltip{position:fixed;display:none;pointer-events:none;background:#fff;border:1px solid #555;border-radius:4px;
 padding:5px 8px;box-shadow:0 2px 6px rgba(0,0,0,.3);font-size:13px;max-width:360px}
#tooltip b{display:block}
)CSS";
}

const char* html_page_script() {
  return R"JS(
(function () {
  "use strict";
  var t0 = performance.now(), errors = [];
  window.addEventListener("error", function (e) { errors.push(String(e.message)); });
  var $ = function (id) { return document.getElementById(id); };
  var D, N, canvas = $("map"), ctx = canvas.getContext("2d"), dpr = window.devicePixelRatio || 1;
  var coarse, fine = null, paths = [null, null], bb, grid, gw, gh, gx0 = 0, gy0 = 0, cell;
  var k = 1, k0 = 1, tx = 0, ty = 0, hover = -1;

  // The geometry text (html_export.cpp, put_varint): per area its ring count, per ring its point count and
  // the points as zigzag varints of 5 bits per character from '?', differences from the previous point.
  function decode(id, q, count) {
    if (count === undefined) count = N;
    var s = $(id).textContent, pos = 0, out = new Array(count), x = 0, y = 0;
    function next() {
      var v = 0, shift = 0, c;
      do { c = s.charCodeAt(pos++) - 63; v += (c & 31) * Math.pow(2, shift); shift += 5; } while (c & 32);
      return v % 2 ? -(v + 1) / 2 : v / 2;
    }
    if (id === "nbhd-points") {
      var pts = new Float32Array(2 * count);
      for (var m = 0; m < count; m++) { x += next(); y += next(); pts[2 * m] = x / q; pts[2 * m + 1] = y / q; }
      return pts;
    }
    for (var i = 0; i < count; i++) {
      var nr = next(), a = new Array(nr);
      for (var r = 0; r < nr; r++) {
        var n = next() * 2, f = new Float32Array(n);
        for (var j = 0; j < n; j += 2) { x += next(); y += next(); f[j] = x / q; f[j + 1] = y / q; }
        a[r] = f;
      }
      out[i] = a;
    }
    $(id).textContent = "";
    return out;
  }
  function ringsPath(p, rings) {
    for (var r = 0; r < rings.length; r++) {
      var f = rings[r];
      if (f.length < 4) continue;
      p.moveTo(f[0], f[1]);
      for (var j = 2; j < f.length; j += 2) p.lineTo(f[j], f[j + 1]);
      p.closePath();
    }
  }
  // One path per colour, made from SVG path text in one call: measured 3-5x faster than as many lineTo calls
  // on the national map (coordinates are multiples of 1/2 or 1/16, so their text is exact and short).
  function buildPaths(geo) {
    var parts = D.colours.map(function () { return []; });
    for (var i = 0; i < N; i++) {
      var rs = geo[i], pp = parts[D.fill[i]];
      for (var r = 0; r < rs.length; r++) {
        var f = rs[r];
        if (f.length >= 4) pp.push("M" + f[0] + " " + f[1] + "L" + f.subarray(2).join(" ") + "Z");
      }
    }
    return parts.map(function (p) { return new Path2D(p.join("")); });
  }
  function ensureFine() {
    if (!fine) fine = decode("nbhd-fine", D.q[1]);
    return fine;
  }
  function levelPaths() {
    var lv = k / k0 > 2 ? 1 : 0;
    if (!paths[lv]) paths[lv] = buildPaths(lv ? ensureFine() : coarse);
    return paths[lv];
  }
  // Area bounding boxes (from the coarse level, padded by its tolerance) in a uniform grid for hovering.
  // The grid spans every area (a page made for a focus or the viewer's view holds the areas around it too).
  function buildIndex() {
    bb = new Float32Array(N * 4);
    var X0 = Infinity, Y0 = Infinity, X1 = -Infinity, Y1 = -Infinity, i, r, j;
    for (i = 0; i < N; i++) {
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, rs = coarse[i];
      for (r = 0; r < rs.length; r++) {
        var f = rs[r];
        for (j = 0; j < f.length; j += 2) {
          if (f[j] < x0) x0 = f[j]; if (f[j] > x1) x1 = f[j];
          if (f[j + 1] < y0) y0 = f[j + 1]; if (f[j + 1] > y1) y1 = f[j + 1];
        }
      }
      if (x0 > x1) { x0 = y0 = 1; x1 = y1 = 0; } else { x0 -= 1; y0 -= 1; x1 += 1; y1 += 1; }
      bb[i * 4] = x0; bb[i * 4 + 1] = y0; bb[i * 4 + 2] = x1; bb[i * 4 + 3] = y1;
      if (x0 <= x1) { X0 = Math.min(X0, x0); Y0 = Math.min(Y0, y0); X1 = Math.max(X1, x1); Y1 = Math.max(Y1, y1); }
    }
    if (!(X0 <= X1)) { X0 = Y0 = 0; X1 = Y1 = 1; }
    gx0 = X0; gy0 = Y0;
    gw = gh = Math.max(1, Math.ceil(Math.sqrt(N / 2)));
    cell = Math.max(X1 - X0, Y1 - Y0) / gw + 1e-6;
    grid = new Array(gw * gh);
    for (i = 0; i < N; i++) {
      if (bb[i * 4] > bb[i * 4 + 2]) continue;
      var cx0 = Math.floor((bb[i * 4] - gx0) / cell), cx1 = Math.min(gw - 1, Math.floor((bb[i * 4 + 2] - gx0) / cell));
      var cy0 = Math.floor((bb[i * 4 + 1] - gy0) / cell), cy1 = Math.min(gh - 1, Math.floor((bb[i * 4 + 3] - gy0) / cell));
      for (var cy = cy0; cy <= cy1; cy++)
        for (var cx = cx0; cx <= cx1; cx++) (grid[cy * gw + cx] || (grid[cy * gw + cx] = [])).push(i);
    }
  }
  function inside(rings, x, y) {
    var c = false;
    for (var r = 0; r < rings.length; r++) {
      var f = rings[r], n = f.length;
      for (var j = 0, p = n - 2; j < n; p = j, j += 2) {
        var yj = f[j + 1], yp = f[p + 1];
        if ((yj > y) !== (yp > y) && x < (f[p] - f[j]) * (y - yj) / (yp - yj) + f[j]) c = !c;
      }
    }
    return c;
  }
  function areaAt(x, y) {
    var cx = Math.floor((x - gx0) / cell), cy = Math.floor((y - gy0) / cell);
    if (cx < 0 || cy < 0 || cx >= gw || cy >= gh) return -1;
    var list = grid[cy * gw + cx] || [], g = ensureFine();
    for (var n = 0; n < list.length; n++) {
      var i = list[n];
      if (x < bb[i * 4] || x > bb[i * 4 + 2] || y < bb[i * 4 + 1] || y > bb[i * 4 + 3]) continue;
      if (inside(g[i], x, y)) return i;
    }
    return -1;
  }

  function resize() {
    dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(window.innerWidth * dpr);
    canvas.height = Math.round(window.innerHeight * dpr);
  }
  function fit() {
    var cw = window.innerWidth, ch = window.innerHeight, m = 20;
    k0 = k = Math.max(1e-6, Math.min((cw - 2 * m) / D.w, (ch - 2 * m) / D.h));
    tx = (cw - D.w * k) / 2; ty = (ch - D.h * k) / 2;
  }
  function zoomAt(f, sx, sy) {
    var nk = Math.min(Math.max(k * f, k0 / 4), k0 * 2000);
    tx = sx - (sx - tx) * nk / k; ty = sy - (sy - ty) * nk / k; k = nk;
    draw();
  }
  var pending = false;
  function draw() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; paint(); });
  }
  function paint() {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = D.background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    var ps = levelPaths(), g = k / k0 > 2 ? fine : coarse;
    ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * tx, dpr * ty);
    ctx.lineJoin = "round";
    for (var c = 0; c < ps.length; c++) {
      ctx.fillStyle = ctx.strokeStyle = D.colours[c];
      ctx.fill(ps[c], "evenodd");
      // The same colour stroked over the fill closes the hairline gaps between neighbours simplified apart.
      if (!D.border) { ctx.lineWidth = 0.7 / k; ctx.stroke(ps[c]); }
    }
    if (D.border) {
      ctx.strokeStyle = D.border.colour;
      ctx.lineWidth = Math.max(0.5, D.border.width) / k;
      for (c = 0; c < ps.length; c++) ctx.stroke(ps[c]);
    }
    function outline(i, colour, width) {
      var p = new Path2D();
      ringsPath(p, g[i]);
      ctx.strokeStyle = colour; ctx.lineWidth = width / k; ctx.stroke(p);
    }
    for (var o = 0; o < D.outlines.length; o++) {
      var OL = D.outlines[o];
      if (!OL.path) {
        OL.path = new Path2D();
        decode("nbhd-outline-" + o, D.q[1], OL.n).forEach(function (rings) { ringsPath(OL.path, rings); });
      }
      ctx.strokeStyle = OL.colour; ctx.lineWidth = Math.max(0.8, OL.width * 1.3) / k; ctx.stroke(OL.path);
    }
    if (D.points) {
      var P = D.points, rad = Math.max(2, P.radius * 1.3);
      if (!P.xy) P.xy = decode("nbhd-points", D.q[1], P.n);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.lineWidth = 1; ctx.strokeStyle = "#fff";
      for (var m = 0; m < P.n; m++) {
        var px = P.xy[2 * m] * k + tx, py = P.xy[2 * m + 1] * k + ty;
        if (px < -rad || py < -rad || px > window.innerWidth + rad || py > window.innerHeight + rad) continue;
        ctx.beginPath(); ctx.arc(px, py, rad, 0, 2 * Math.PI);
        ctx.fillStyle = P.colours[P.colour[m]]; ctx.fill(); ctx.stroke();
      }
      ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * tx, dpr * ty);
    }
    for (var s = 0; s < D.selection.length; s++) outline(D.selection[s], D.selection_colour, 2);
    if (hover >= 0) outline(hover, "#000", 2);
    scaleBar();
  }
  function niceFloor(x) {
    var p = Math.pow(10, Math.floor(Math.log10(x))), m = x / p;
    return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
  }
  function scaleBar() {
    var mpp = D.m_per_px / k, metres = niceFloor(120 * mpp);
    $("scaleline").style.width = Math.round(metres / mpp) + "px";
    $("scaletext").textContent = metres >= 1000 ? (metres / 1000) + " km" : metres + " m";
  }
  function thousands(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function legendRow(entry) {
    var row = el("div", undefined, "row"), sw = el("span", undefined, "sw");
    sw.style.background = entry.colour;
    row.appendChild(sw);
    row.appendChild(el("span", entry.label, "label"));
    if (entry.count >= 0) row.appendChild(el("span", thousands(entry.count), "count"));
    return row;
  }
  function buildLegend() {
    var L = $("legend");
    if (D.legend_title) L.appendChild(el("h2", D.legend_title));
    if (D.bivariate) {
      var b = D.bivariate, t = el("table");
      for (var row = 2; row >= 0; row--) {
        var tr = el("tr");
        for (var col = 0; col < 3; col++) {
          var cellv = b.cells[row * 3 + col], td = el("td", cellv.count >= 0 ? thousands(cellv.count) : "");
          td.style.background = cellv.colour;
          tr.appendChild(td);
        }
        t.appendChild(tr);
      }
      L.appendChild(el("div", "\u2191 " + b.y_title, "axis"));
      L.appendChild(t);
      L.appendChild(el("div", b.x_title + " \u2192", "axis"));
    }
    for (var i = 0; i < D.legend.length; i++) L.appendChild(legendRow(D.legend[i]));
    if (D.no_data) L.appendChild(legendRow(D.no_data));
    if (D.points) {
      L.appendChild(el("h2", D.points.title));
      D.points.legend.forEach(function (e) { var r = legendRow(e); r.firstChild.style.borderRadius = "50%"; L.appendChild(r); });
    }
    D.outlines.forEach(function (o) {
      if (!o.label) return;
      var r = legendRow({ label: o.label, colour: "transparent", count: -1 });
      r.firstChild.style.border = "2px solid " + o.colour;
      L.appendChild(r);
    });
    var tb = $("titlebox");
    if (D.title) tb.appendChild(el("h1", D.title));
    if (D.subtitle) tb.appendChild(el("p", D.subtitle));
    var at = $("attribution");
    D.attribution.forEach(function (line) { at.appendChild(el("div", line)); });
  }
  function fmt(v) {
    if (v === null || v === undefined) return "no data";
    return Math.abs(v) >= 1000 && Number.isInteger(v) ? thousands(v) : String(+v.toPrecision(6));
  }
  function showTip(i, sx, sy) {
    var tip = $("tooltip");
    if (i < 0) { tip.style.display = "none"; return; }
    tip.textContent = "";
    tip.appendChild(el("b", D.code[i]));
    if (D.name[i]) tip.appendChild(el("div", D.name[i]));
    for (var f = 0; f < D.fields.length; f++) tip.appendChild(el("div", D.fields[f] + ": " + fmt(D.values[f][i])));
    if (D.class_names.length) tip.appendChild(el("div", "class: " + D.class_names[D["class"][i]]));
    tip.style.display = "block";
    var x = sx + 14, y = sy + 14;
    if (x + tip.offsetWidth > window.innerWidth) x = sx - tip.offsetWidth - 10;
    if (y + tip.offsetHeight > window.innerHeight) y = sy - tip.offsetHeight - 10;
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }

  var drag = null;
  function onMove(e) {
    if (drag) {
      tx = drag.tx + e.clientX - drag.x; ty = drag.ty + e.clientY - drag.y;
      drag.moved = true;
      $("tooltip").style.display = "none";
      draw();
      return;
    }
    var i = areaAt((e.clientX - tx) / k, (e.clientY - ty) / k);
    if (i !== hover) { hover = i; draw(); }
    showTip(i, e.clientX, e.clientY);
  }
  function listen() {
    canvas.addEventListener("mousemove", onMove);
    canvas.addEventListener("mousedown", function (e) {
      drag = { x: e.clientX, y: e.clientY, tx: tx, ty: ty };
      canvas.classList.add("drag");
    });
    window.addEventListener("mouseup", function () { drag = null; canvas.classList.remove("drag"); });
    canvas.addEventListener("mouseleave", function () { hover = -1; showTip(-1); draw(); });
    canvas.addEventListener("wheel", function (e) {
      e.preventDefault();
      zoomAt(Math.pow(1.0015, -e.deltaY * (e.deltaMode === 1 ? 30 : 1)), e.clientX, e.clientY);
    }, { passive: false });
    $("zin").onclick = function () { zoomAt(2, window.innerWidth / 2, window.innerHeight / 2); };
    $("zout").onclick = function () { zoomAt(0.5, window.innerWidth / 2, window.innerHeight / 2); };
    $("zfit").onclick = function () { fit(); draw(); };
    window.addEventListener("resize", function () { resize(); draw(); });
  }

  // A point inside area i (fit px): the middle of the widest inside span on the scanline through its
  // bounding box's middle (or a little off it when that line only grazes the area).
  function interiorPoint(i) {
    var g = ensureFine()[i], y0 = bb[i * 4 + 1] + 1, y1 = bb[i * 4 + 3] - 1;
    for (var t = 0.5; t < 1; t += 0.0625) {
      for (var sgn = -1; sgn <= 1; sgn += 2) {
        var y = y0 + (y1 - y0) * (sgn < 0 ? t : 1 - t), xs = [];
        for (var r = 0; r < g.length; r++) {
          var f = g[r], n = f.length;
          for (var j = 0, p = n - 2; j < n; p = j, j += 2)
            if ((f[j + 1] > y) !== (f[p + 1] > y))
              xs.push((f[p] - f[j]) * (y - f[j + 1]) / (f[p + 1] - f[j + 1]) + f[j]);
        }
        xs.sort(function (a, b) { return a - b; });
        var best = -1, bx = 0;
        for (var m = 0; m + 1 < xs.length; m += 2)
          if (xs[m + 1] - xs[m] > best) { best = xs[m + 1] - xs[m]; bx = (xs[m] + xs[m + 1]) / 2; }
        if (best > 0) return [bx, y];
      }
    }
    return null;
  }
  function selftest(out) {
    var want = decodeURIComponent(location.hash.slice(10)), i = want ? D.code.indexOf(want) : 0;
    out.push("probe=" + want);
    if (i < 0) { out.push("error=no area " + want); return; }
    // Zoom to the area (as a planner would before hovering), then hover its inside.
    var cw = window.innerWidth, ch = window.innerHeight;
    var w = bb[i * 4 + 2] - bb[i * 4], h = bb[i * 4 + 3] - bb[i * 4 + 1];
    k = Math.min(cw / 3 / Math.max(w, 1e-3), ch / 3 / Math.max(h, 1e-3));
    tx = cw / 2 - (bb[i * 4] + w / 2) * k; ty = ch / 2 - (bb[i * 4 + 1] + h / 2) * k;
    var p = interiorPoint(i);
    if (!p) { out.push("error=no interior point for " + want); return; }
    var sx = p[0] * k + tx, sy = p[1] * k + ty;
    canvas.dispatchEvent(new MouseEvent("mousemove", { clientX: sx, clientY: sy, bubbles: true }));
    paint();
    out.push("zoom=" + (k / k0).toFixed(2));
    out.push("tooltip=" + Array.prototype.map.call($("tooltip").childNodes,
      function (n) { return n.textContent; }).join(" | "));
    out.push("tooltip_visible=" + ($("tooltip").style.display === "block"));
    // Navigation through the page's own handlers: the + button, the wheel, a drag; then what the frame shows.
    var k1 = k;
    $("zin").click();
    out.push("zoom_in=" + (k / k1).toFixed(2));
    k1 = k;
    canvas.dispatchEvent(new WheelEvent("wheel", { deltaY: 100, clientX: sx, clientY: sy, bubbles: true, cancelable: true }));
    out.push("wheel_out=" + (k < k1));
    var tx1 = tx, ty1 = ty;
    canvas.dispatchEvent(new MouseEvent("mousedown", { clientX: 100, clientY: 100, bubbles: true }));
    canvas.dispatchEvent(new MouseEvent("mousemove", { clientX: 150, clientY: 130, bubbles: true }));
    window.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    out.push("drag=" + Math.round(tx - tx1) + "," + Math.round(ty - ty1));
    out.push("scalebar=" + $("scaletext").textContent);
    out.push("title=" + $("titlebox").textContent);
    out.push("attribution=" + $("attribution").textContent);
  }

  var report = [];
  try {
    var lap = function (name) { report.push(name + "_ms=" + (performance.now() - t0).toFixed(1)); };
    D = JSON.parse($("nbhd-data").textContent);
    N = D.code.length;
    lap("parsed");
    coarse = decode("nbhd-coarse", D.q[0]);
    buildIndex();
    lap("indexed");
    resize();
    fit();
    buildLegend();
    listen();
    lap("ready");
    paint();
    lap("painted");
  } catch (e) {
    errors.push(String(e && e.stack || e));
  }
  report.push("script_ms=" + (performance.now() - t0).toFixed(1));
  report.push("load_ms=" + performance.now().toFixed(1));  // since the navigation started: read + parse too
  report.push("areas=" + N);
  if (location.hash.indexOf("#selftest") === 0) {
    try {
      selftest(report);
    } catch (e) {
      errors.push(String(e && e.stack || e));
    }
    report.push("legend=" + Array.prototype.map.call($("legend").querySelectorAll("h2,.row,td,.axis"),
      function (n) {
        return n.classList.contains("row") ? Array.prototype.map.call(n.children, function (c) {
          return c.textContent; }).filter(Boolean).join(" ") : n.textContent;
      }).join(" | "));
  }
  errors.forEach(function (m) { report.push("error=" + m); });
  report.push("errors=" + errors.length);
  $("nbhd-selftest").textContent = report.join("\n");
})();
)JS";
}

}  // namespace nbhd
