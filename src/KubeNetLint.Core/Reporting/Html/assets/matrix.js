(function () {
  var t0 = Date.now();
  var el = KNL.el, D = KNL.data(), SVG = "http://www.w3.org/2000/svg";
  var E = D.endpoints, N = E.length, ROWS = D.rows, SETS = D.sets;
  var MAX_CELLS = 250000;

  // Groups: namespaces by name, external ranges last.
  var groupIndex = {}, groups = [];
  E.forEach(function (e) { if (!Object.prototype.hasOwnProperty.call(groupIndex, e[1])) { groupIndex[e[1]] = -1; groups.push(e[1]); } });
  groups.sort(function (a, b) { return (a === "external") - (b === "external") || (a < b ? -1 : a > b ? 1 : 0); });
  var G = groups.length, members = groups.map(function () { return []; }), groupOf = new Int32Array(N);
  groups.forEach(function (g, i) { groupIndex[g] = i; });
  E.forEach(function (e, i) { groupOf[i] = groupIndex[e[1]]; members[groupOf[i]].push(i); });

  // Counts per (endpoint, group), both ways, in one pass over the runs.
  var out = new Int32Array(N * G), inn = new Int32Array(N * G), gg = new Float64Array(G * G), total = 0;
  var incoming = E.map(function () { return null; });
  for (var f = 0; f < N; f++) {
    var r = ROWS[f];
    for (var k = 0; k < r.length; k += 3) {
      for (var t = r[k], end = r[k] + r[k + 1]; t < end; t++) {
        out[f * G + groupOf[t]]++;
        inn[t * G + groupOf[f]]++;
        gg[groupOf[f] * G + groupOf[t]]++;
        total++;
      }
    }
  }
  function setOf(from, to) {
    var r = ROWS[from], lo = 0, hi = r.length / 3 - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1, start = r[mid * 3];
      if (to < start) hi = mid - 1;
      else if (to >= start + r[mid * 3 + 1]) lo = mid + 1;
      else return r[mid * 3 + 2];
    }
    return -1;
  }
  function sources(to) {
    if (incoming[to]) return incoming[to];
    var list = [];
    for (var f = 0; f < N; f++) if (setOf(f, to) >= 0) list.push(f);
    return (incoming[to] = list);
  }
  function targets(from) {
    var r = ROWS[from], list = [];
    for (var k = 0; k < r.length; k += 3) for (var t = r[k]; t < r[k] + r[k + 1]; t++) list.push(t);
    return list;
  }
  function short(i) { var e = E[i]; return e[2] === "x" ? e[0] : e[0].substring(e[1].length + 1); }

  // ---- page skeleton
  var body = document.body;
  body.appendChild(el("h1", { text: "Reachability matrix" }));
  body.appendChild(el("p", { cls: "summary", text: D.summary }));
  var legend = el("div", { cls: "legend" }, [
    el("span", null, [el("i", { cls: "sw all" }), "all ports"]),
    el("span", null, [el("i", { cls: "sw some" }), "some ports (hover for them)"]),
    el("span", null, [el("i", { cls: "sw none" }), "nothing allowed"]),
    el("span", null, [el("i", { cls: "sw self" }), "same endpoint"]),
    el("span", null, [el("i", { cls: "sw a1" }), el("i", { cls: "sw a2" }), el("i", { cls: "sw a3" }), "namespace cells: share of endpoint pairs with any connection (the number is how many)"]),
    el("span", { cls: "muted", text: "Rows are sources, columns destinations. Click a namespace to expand or collapse it, a cell for its explanation, a row's name for its graph." })]);
  body.appendChild(legend);
  var search = el("input", { type: "search", id: "search", placeholder: "search endpoints (rows)", oninput: function () { render(); } });
  var status = el("span", { id: "status", cls: "muted" });
  body.appendChild(el("div", { cls: "bar" }, [
    search,
    el("button", { type: "button", id: "expand-rows", text: "expand rows", onclick: function () { setAll(rowOpen, true); } }),
    el("button", { type: "button", id: "collapse-all", text: "collapse all", onclick: function () { setAll(rowOpen, false); setAll(colOpen, false); } }),
    el("button", { type: "button", id: "expand-all", text: "expand all", onclick: function () { setAll(rowOpen, true); setAll(colOpen, true); } }),
    status]));
  var layout = el("div", { cls: "layout" });
  var gridBox = el("div", { cls: "gridbox" });
  var side = el("div", { cls: "side" });
  var explainTitle = el("h2", { text: "Explanation" });
  var explain = el("pre", { id: "explain", cls: "explain", text: "Click a cell of two endpoints." });
  side.appendChild(explainTitle);
  side.appendChild(explain);
  layout.appendChild(gridBox);
  layout.appendChild(side);
  body.appendChild(layout);
  var graphTitle = el("h2", { text: "Neighbours of one endpoint" });
  body.appendChild(graphTitle);
  var list = el("datalist", { id: "endpoint-ids" }, E.map(function (e) { return el("option", { value: e[0] }); }));
  var pick = el("input", { type: "search", id: "graph-pick", list: "endpoint-ids", placeholder: "endpoint id", onchange: function () {
    for (var i = 0; i < N; i++) if (E[i][0] === pick.value) { graph(i); return; }
  } });
  body.appendChild(el("div", { cls: "bar" }, [pick, list, el("span", { cls: "muted", text: "left: who may connect to it; right: what it may connect to" })]));
  var graphBox = el("div", { id: "graph", cls: "graph" }, [el("p", { cls: "muted", text: "Pick an endpoint, or click a row's name in the grid." })]);
  body.appendChild(graphBox);

  // ---- grid state: which namespaces are expanded as rows and as columns
  var small = N <= 120;
  var rowOpen = groups.map(function () { return small; }), colOpen = groups.map(function () { return small; });
  var hash = (location.hash || "").replace(/^#/, "");
  if (/(^|&)rows=all(&|$)/.test(hash)) rowOpen = groups.map(function () { return true; });
  hash.split("&").forEach(function (kv) {
    if (kv.indexOf("open=") === 0 && Object.prototype.hasOwnProperty.call(groupIndex, decodeURIComponent(kv.substring(5))))
      rowOpen[groupIndex[decodeURIComponent(kv.substring(5))]] = colOpen[groupIndex[decodeURIComponent(kv.substring(5))]] = true;
  });
  function setAll(arr, v) {
    var old = arr.slice();
    for (var i = 0; i < arr.length; i++) arr[i] = v;
    if (!render()) { for (var j = 0; j < arr.length; j++) arr[j] = old[j]; render(); }
  }

  // A unit is a namespace (g >= 0, e = -1) or one endpoint (e >= 0).
  function units(open, filter) {
    var list = [];
    for (var g = 0; g < G; g++) {
      var ms = members[g];
      if (filter) {
        var hit = ms.filter(function (i) { return E[i][0].toLowerCase().indexOf(filter) >= 0; });
        if (hit.length === 0) continue;
        list.push({ g: g, e: -1 });
        hit.forEach(function (i) { list.push({ g: g, e: i }); });
        continue;
      }
      list.push({ g: g, e: -1 });
      if (open[g]) ms.forEach(function (i) { list.push({ g: g, e: i }); });
    }
    return list;
  }
  function aggregate(r, c) {
    var k, m;
    if (r.e >= 0 && c.e < 0) { k = out[r.e * G + c.g]; m = members[c.g].length - (groupOf[r.e] === c.g ? 1 : 0); }
    else if (r.e < 0 && c.e >= 0) { k = inn[c.e * G + r.g]; m = members[r.g].length - (groupOf[c.e] === r.g ? 1 : 0); }
    else { k = gg[r.g * G + c.g]; m = members[r.g].length * members[c.g].length - (r.g === c.g ? members[r.g].length : 0); }
    return [k, m];
  }
  function unitName(u) { return u.e >= 0 ? E[u.e][0] : "namespace " + groups[u.g]; }

  var rowUnits = [], colUnits = [];
  function render() {
    var filter = search.value.trim().toLowerCase();
    var ru = units(rowOpen, filter), cu = units(colOpen, "");
    if (ru.length * cu.length > MAX_CELLS) {
      status.textContent = "That would draw " + ru.length * cu.length + " cells; collapse some namespaces or search first.";
      return false;
    }
    rowUnits = ru; colUnits = cu;
    var table = el("table", { cls: "grid", id: "grid" });
    var head = el("tr");
    head.appendChild(el("th", { cls: "corner", text: "from \u2193 / to \u2192" }));
    cu.forEach(function (u, ci) {
      head.appendChild(u.e < 0
        ? el("th", { cls: "col ns", "data-c": String(ci), title: groups[u.g] + ": " + KNL.plural(members[u.g].length, "endpoint") + " (click to " + (colOpen[u.g] ? "collapse" : "expand") + ")" },
          [el("span", { text: (colOpen[u.g] ? "\u25be " : "\u25b8 ") + groups[u.g] })])
        : el("th", { cls: "col ep", "data-c": String(ci), title: E[u.e][0] }, [el("span", { text: short(u.e) })]));
    });
    table.appendChild(el("thead", null, [head]));
    var tbody = el("tbody");
    var endpointRows = 0;
    ru.forEach(function (r, ri) {
      var tr = el("tr", { cls: r.e < 0 ? "nsrow" : "eprow" });
      if (r.e < 0) tr.appendChild(el("th", { cls: "row ns", "data-r": String(ri), title: "click to " + (rowOpen[r.g] ? "collapse" : "expand") },
        [(rowOpen[r.g] || filter ? "\u25be " : "\u25b8 ") + groups[r.g] + " ", el("span", { cls: "muted", text: "(" + members[r.g].length + ")" })]));
      else { tr.appendChild(el("th", { cls: "row ep", "data-r": String(ri), title: E[r.e][0] + " (click for its graph)", text: short(r.e) })); endpointRows++; }
      for (var ci = 0; ci < cu.length; ci++) {
        var c = cu[ci], td;
        if (r.e >= 0 && c.e >= 0) {
          if (r.e === c.e) td = el("td", { cls: "self" });
          else {
            var s = setOf(r.e, c.e);
            td = s < 0 ? el("td", { cls: "none", title: E[r.e][0] + " \u2192 " + E[c.e][0] + ": nothing" })
              : el("td", { cls: SETS[s] === "all" ? "all" : "some", title: E[r.e][0] + " \u2192 " + E[c.e][0] + ": " + SETS[s] });
          }
        } else {
          var km = aggregate(r, c), k = km[0], m = km[1];
          var level = k === 0 ? "a0" : k === m ? "a3" : k * 2 >= m ? "a2" : "a1";
          td = el("td", { cls: "agg " + level, title: unitName(r) + " \u2192 " + unitName(c) + ": " + k + " of " + m + " endpoint pairs connect", text: k > 0 ? String(k) : "" });
        }
        td.setAttribute("data-r", String(ri));
        td.setAttribute("data-c", String(ci));
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    gridBox.textContent = "";
    gridBox.appendChild(table);
    status.textContent = KNL.plural(endpointRows, "endpoint row") + ", " + KNL.plural(cu.length, "column") + " shown";
    body.setAttribute("data-endpoint-rows", String(endpointRows));
    body.setAttribute("data-namespace-rows", String(ru.length - endpointRows));
    return true;
  }

  gridBox.addEventListener("click", function (ev) {
    var cell = ev.target.closest ? ev.target.closest("td,th") : null;
    if (!cell) return;
    var ri = cell.getAttribute("data-r"), ci = cell.getAttribute("data-c");
    var r = ri === null ? null : rowUnits[+ri], c = ci === null ? null : colUnits[+ci];
    if (cell.tagName === "TH") {
      if (r && r.e < 0) { rowOpen[r.g] = !rowOpen[r.g]; if (!render()) { rowOpen[r.g] = !rowOpen[r.g]; } }
      else if (r) graph(r.e);
      else if (c && c.e < 0) { colOpen[c.g] = !colOpen[c.g]; if (!render()) { colOpen[c.g] = !colOpen[c.g]; } }
      else if (c) graph(c.e);
      return;
    }
    if (r.e >= 0 && c.e >= 0) { showExplain(r.e, c.e); return; }
    // A namespace cell opens its namespaces.
    var oldR = rowOpen.slice(), oldC = colOpen.slice();
    if (r.e < 0) rowOpen[r.g] = true;
    if (c.e < 0) colOpen[c.g] = true;
    if (!render()) { rowOpen = oldR; colOpen = oldC; render(); }
  });

  // ---- the explanation of one cell, from the page's data
  function sideText(i, direction) {
    var e = E[i], pols = direction === "egress" ? e[5] : e[6];
    if (e[2] === "x") return e[0] + " is a range of external addresses: no policy applies to it.";
    if (pols === null) {
      if (e[2] === "c") return e[0] + " is a stand-in for the ingress controller (its workload is not in the input): it connects only to the Ingresses' backends, on the ports their Services reach.";
      if (e[2] === "g") return e[0] + " stands for a Gateway whose data-plane pods are not in the input: reachable on its listener ports, it opens only what its routes send to their backends.";
      return e[0] + ": no policy data.";
    }
    var admin = D.admin ? " Admin-tier policies (AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy) also decide it; run explain for the tiers." : "";
    if (pols.length === 0) return e[0] + " is not isolated for " + direction + " by any NetworkPolicy: they restrict nothing on this side." + admin;
    var lines = [e[0] + " is isolated for " + direction + " by " + (pols.length === 1 ? "1 NetworkPolicy" : pols.length + " NetworkPolicies") +
      ": only what their " + direction + " rules allow passes." + admin];
    pols.forEach(function (p) { lines.push("  " + D.policies[p][1] + ": NetworkPolicy " + D.policies[p][0]); });
    return lines.join("\n");
  }
  function quote(s) { return /^[A-Za-z0-9_.\/:@%+=,-]+$/.test(s) ? s : "'" + s.replace(/'/g, "'\\''") + "'"; }
  function showExplain(from, to) {
    var s = setOf(from, to);
    var lines = [E[from][0] + " -> " + E[to][0] + ": " + (s >= 0 ? "ALLOWED (" + SETS[s] + ")" : "DENIED (nothing is allowed)")];
    [from, to].forEach(function (i) { if (E[i][4]) lines.push(E[i][4]); });
    lines.push("", "egress: " + sideText(from, "egress"), "", "ingress: " + sideText(to, "ingress"), "",
      "Rule by rule, with every rule's peers and ports:",
      "  kubenetlint explain --from " + quote(E[from][0]) + " --to " + quote(E[to][0]) + (D.explain ? " " + D.explain : ""));
    explain.textContent = lines.join("\n");
    explainTitle.textContent = "Explanation";
  }

  // ---- one endpoint's neighbours as an SVG graph
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function graph(center) {
    pick.value = E[center][0];
    var MAXN = 30, ins = sources(center), outs = targets(center);
    var shownIn = ins.slice(0, MAXN), shownOut = outs.slice(0, MAXN);
    var rows = Math.max(shownIn.length, shownOut.length, 1) + (ins.length > MAXN || outs.length > MAXN ? 1 : 0);
    var W = 1240, rowH = 26, H = Math.max(rows * rowH + 40, 120), sideW = 310, centerW = 330;
    var g = svg("svg", { width: String(W), height: String(H), viewBox: "0 0 " + W + " " + H, role: "img", id: "graph-svg" });
    g.appendChild(svg("title", {}, "Neighbours of " + E[center][0]));
    var defs = svg("defs", {});
    var marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" });
    marker.appendChild(svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#6e7781" }));
    defs.appendChild(marker);
    g.appendChild(defs);
    var cx = (W - centerW) / 2, cy = H / 2 - 14;
    function node(i, x, y, cls) {
      var grp = svg("g", { "class": "node " + cls, "data-i": String(i) });
      grp.appendChild(svg("rect", { x: String(x), y: String(y), width: String(cls === "center" ? centerW : sideW), height: "22", rx: "4" }));
      var label = E[i][0];
      if (label.length > 42) label = label.substring(0, 40) + "\u2026";
      grp.appendChild(svg("text", { x: String(x + 6), y: String(y + 15) }, label));
      grp.appendChild(svg("title", {}, E[i][0]));
      grp.addEventListener("click", function () { if (i !== center) graph(i); });
      g.appendChild(grp);
    }
    function edge(x1, y1, x2, y2, set, from, to) {
      var line = svg("line", { x1: String(x1), y1: String(y1), x2: String(x2), y2: String(y2), "class": "edge " + (SETS[set] === "all" ? "all" : "some"), "marker-end": "url(#arrow)" });
      line.appendChild(svg("title", {}, E[from][0] + " \u2192 " + E[to][0] + ": " + SETS[set]));
      line.addEventListener("click", function () { showExplain(from, to); });
      g.appendChild(line);
    }
    shownIn.forEach(function (i, k) {
      var y = 20 + k * rowH;
      edge(10 + sideW, y + 11, cx, cy + 11, setOf(i, center), i, center);
      node(i, 10, y, "in");
    });
    shownOut.forEach(function (o, k) {
      var y = 20 + k * rowH, x = W - sideW - 10;
      edge(cx + centerW, cy + 11, x, y + 11, setOf(center, o), center, o);
      node(o, x, y, "out");
    });
    node(center, cx, cy, "center");
    if (ins.length > MAXN) g.appendChild(svg("text", { x: "10", y: String(20 + MAXN * rowH + 15), "class": "more" }, "+" + (ins.length - MAXN) + " more sources"));
    if (outs.length > MAXN) g.appendChild(svg("text", { x: String(W - sideW - 10), y: String(20 + MAXN * rowH + 15), "class": "more" }, "+" + (outs.length - MAXN) + " more destinations"));
    graphBox.textContent = "";
    graphBox.appendChild(el("p", { cls: "muted", text: E[center][0] + ": " + KNL.plural(ins.length, "source") + ", " + KNL.plural(outs.length, "destination") + ". Click a neighbour to move to it, an edge for its explanation." }));
    graphBox.appendChild(g);
    body.setAttribute("data-graph", E[center][0]);
  }

  render();
  var m = /(^|&)graph=([^&]*)/.exec(hash);
  if (m) {
    var id = decodeURIComponent(m[2]);
    for (var i = 0; i < N; i++) if (E[i][0] === id) { graph(i); }
  }
  // #view=graph shows only the graph (with #graph=ID).
  if (/(^|&)view=graph(&|$)/.test(hash)) layout.style.display = "none";
  // #explain=FROM,TO (endpoint ids or positions) shows one cell's explanation.
  var ex = /(^|&)explain=([^&,]*),([^&]*)/.exec(hash);
  function find(text) {
    var id = decodeURIComponent(text);
    for (var i = 0; i < N; i++) if (E[i][0] === id) return i;
    return /^\d+$/.test(id) && +id < N ? +id : -1;
  }
  if (ex && find(ex[2]) >= 0 && find(ex[3]) >= 0) showExplain(find(ex[2]), find(ex[3]));
  body.setAttribute("data-endpoints", String(N));
  body.setAttribute("data-connections", String(total));
  body.setAttribute("data-namespaces", String(G));
  body.setAttribute("data-render-ms", String(Date.now() - t0));
  body.setAttribute("data-ready", "1");
})();
