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
  // With `matrix --declared`: the declared ports of allowed pairs, the declared dependencies the policies deny,
  // and per (endpoint or namespace, namespace) how many denied ones a namespace cell holds.
  var DECLARED = null, DENIED = {}, ddOut = null, ddIn = null, ddGG = null;
  if (D.declared) {
    DECLARED = {};
    for (var dk = 0; dk < D.declared.length; dk += 3) DECLARED[D.declared[dk] + "," + D.declared[dk + 1]] = D.declared[dk + 2];
    ddOut = new Int32Array(N * G); ddIn = new Int32Array(N * G); ddGG = new Int32Array(G * G);
    D.deniedDeclared.forEach(function (d) {
      var key = d[0] + "," + d[1];
      if (!DENIED[key]) {
        DENIED[key] = [];
        ddOut[d[0] * G + groupOf[d[1]]]++; ddIn[d[1] * G + groupOf[d[0]]]++; ddGG[groupOf[d[0]] * G + groupOf[d[1]]]++;
      }
      DENIED[key].push(d[2]);
    });
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
    DECLARED ? el("span", { id: "legend-declared" }, [el("i", { cls: "sw all decl" }), "declared: a connection the caller's configuration names (env, ConfigMaps, command), allowed"]) : null,
    DECLARED ? el("span", { id: "legend-declared-denied" }, [el("i", { cls: "sw none decl-denied" }), "declared but denied (also on namespace cells that hold one)"]) : null,
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
  var explainMore = el("pre", { id: "explain-more", cls: "explain-more" });
  side.appendChild(explainTitle);
  side.appendChild(explain);
  side.appendChild(explainMore);
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
            var s = setOf(r.e, c.e), cls = s < 0 ? "none" : SETS[s] === "all" ? "all" : "some";
            var tip = E[r.e][0] + " \u2192 " + E[c.e][0] + ": " + (s < 0 ? "nothing" : SETS[s]);
            if (DECLARED) {
              var pair = r.e + "," + c.e;
              if (Object.prototype.hasOwnProperty.call(DECLARED, pair)) { cls += " decl"; tip += "; declared: " + SETS[DECLARED[pair]]; }
              if (DENIED[pair]) { cls += " decl-denied"; tip += "; declared but denied: " + DENIED[pair].join("; "); }
            }
            td = el("td", { cls: cls, title: tip });
          }
        } else {
          var km = aggregate(r, c), k = km[0], m = km[1];
          var level = k === 0 ? "a0" : k === m ? "a3" : k * 2 >= m ? "a2" : "a1";
          var dd = !DECLARED ? 0 : r.e >= 0 ? ddOut[r.e * G + c.g] : c.e >= 0 ? ddIn[c.e * G + r.g] : ddGG[r.g * G + c.g];
          td = el("td", { cls: "agg " + level + (dd > 0 ? " decl-denied" : ""), text: k > 0 ? String(k) : "",
            title: unitName(r) + " \u2192 " + unitName(c) + ": " + k + " of " + m + " endpoint pairs connect" + (dd > 0 ? "; " + dd + " declared but denied" : "") });
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

  // ---- the explanation of one cell: `kubenetlint explain --from A --to B`, put together from the page's data
  // (the same steps and words as Connectivity/Explanation.cs, AdminExplanation.cs and AdminTiers.cs).
  // Port sets as in ConnectionSet: per protocol (TCP, UDP, SCTP) sorted, disjoint, non-adjacent ranges [lo, hi, lo, hi, ...].
  var PROTOCOLS = ["TCP", "UDP", "SCTP"], FULL = [1, 65535], NONE = [[], [], []], ALL = [FULL, FULL, FULL];
  var POLICIES = D.policies || [], TIERS = D.tiers || [[], []], PORTS = D.ports || [], NAMES = D.portNames || [], BITS = D.bits || [];
  var parsedSets = {}, decodedBits = [];
  function parseSet(text) {
    if (Object.prototype.hasOwnProperty.call(parsedSets, text)) return parsedSets[text];
    var s = [[], [], []];
    if (text === "all") s = ALL;
    else if (text !== "none") text.split("; ").forEach(function (part) {
      var sp = part.indexOf(" "), p = PROTOCOLS.indexOf(part.substring(0, sp)), ports = part.substring(sp + 1), list = [];
      if (ports === "all") { s[p] = FULL; return; }
      ports.split(",").forEach(function (item) { var b = item.split("-"); list.push(+b[0], +b[b.length - 1]); });
      s[p] = list;
    });
    return (parsedSets[text] = s);
  }
  function rUnion(a, b) {
    if (a.length === 0) return b;
    if (b.length === 0) return a;
    var all = [], i = 0, j = 0, out = [];
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] <= b[j])) { all.push(a[i], a[i + 1]); i += 2; }
      else { all.push(b[j], b[j + 1]); j += 2; }
    }
    for (var k = 0; k < all.length; k += 2) {
      if (out.length && all[k] <= out[out.length - 1] + 1) { if (all[k + 1] > out[out.length - 1]) out[out.length - 1] = all[k + 1]; }
      else out.push(all[k], all[k + 1]);
    }
    return out;
  }
  function rIntersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var lo = Math.max(a[i], b[j]), hi = Math.min(a[i + 1], b[j + 1]);
      if (lo <= hi) out.push(lo, hi);
      if (a[i + 1] < b[j + 1]) i += 2; else j += 2;
    }
    return out;
  }
  function rComplement(a) {
    var out = [], next = 1;
    for (var i = 0; i < a.length; i += 2) { if (a[i] > next) out.push(next, a[i] - 1); next = a[i + 1] + 1; }
    if (next <= 65535) out.push(next, 65535);
    return out;
  }
  function union(a, b) { return [rUnion(a[0], b[0]), rUnion(a[1], b[1]), rUnion(a[2], b[2])]; }
  function intersect(a, b) { return [rIntersect(a[0], b[0]), rIntersect(a[1], b[1]), rIntersect(a[2], b[2])]; }
  function except(a, b) { return [0, 1, 2].map(function (p) { return rIntersect(a[p], rComplement(b[p])); }); }
  function empty(s) { return s[0].length === 0 && s[1].length === 0 && s[2].length === 0; }
  function full(r) { return r.length === 2 && r[0] === 1 && r[1] === 65535; }
  function setText(s) {
    if (full(s[0]) && full(s[1]) && full(s[2])) return "all";
    if (empty(s)) return "none";
    var parts = [];
    for (var p = 0; p < 3; p++) {
      var r = s[p], items = [];
      if (r.length === 0) continue;
      for (var k = 0; k < r.length; k += 2) items.push(r[k] === r[k + 1] ? String(r[k]) : r[k] + "-" + r[k + 1]);
      parts.push(PROTOCOLS[p] + " " + (full(r) ? "all" : items.join(",")));
    }
    return parts.join("; ");
  }
  function bit(k, cls) {
    var b = decodedBits[k];
    if (!b) {
      var raw = atob(BITS[k]);
      b = decodedBits[k] = new Uint8Array(raw.length);
      for (var i = 0; i < raw.length; i++) b[i] = raw.charCodeAt(i);
    }
    return ((b[cls >> 3] >> (cls & 7)) & 1) === 1;
  }
  // What a rule's ports allow to a destination endpoint: named ports count where its pods declare them.
  function portsFor(k, dest) {
    var spec = PORTS[k], set = parseSet(spec[0]), declared = E[dest][9];
    spec[1].forEach(function (n) {
      for (var j = 0; j < declared.length; j += 2)
        if (declared[j] === n) { var one = [[], [], []]; one[PROTOCOLS.indexOf(NAMES[n][1])] = [declared[j + 1], declared[j + 1]]; set = union(set, one); }
    });
    return set;
  }
  function pluralPolicy(n) { return n === 1 ? "1 policy" : n + " policies"; }
  // The admin tier rules whose policy's subject holds the endpoint, in evaluation order; null when none.
  function tierRules(t, subject, egress) {
    if (E[subject][2] === "x") return null;
    var list = [];
    TIERS[t].forEach(function (p, pi) {
      if (!bit(p[2], E[subject][5])) return;
      (egress ? p[3] : p[4]).forEach(function (r, n) { list.push({ t: t, p: pi, rule: r, number: n + 1 }); });
    });
    return list.length ? list : null;
  }
  function ruleName(ar, egress) { return TIERS[ar.t][ar.p][0] + " " + (egress ? "egress" : "ingress") + " rule " + ar.number; }
  // One direction tier by tier (AdminTiers.cs Decide), with its trace.
  function decide(egress, subject, peer, npIsolated, npSet, tr) {
    var dest = egress ? peer : subject, undecided = ALL, allowed = NONE;
    function run(rules, list, onPass) {
      var passed = NONE;
      rules.forEach(function (ar) {
        var r = ar.rule;
        if (!bit(r[5], E[peer][5])) { if (r[6] !== null) list.push({ ar: ar, matched: NONE, decided: NONE }); return; }
        var matched = portsFor(r[4], dest), decided = empty(undecided) ? undecided : intersect(matched, undecided);
        list.push({ ar: ar, matched: matched, decided: decided });
        if (empty(decided)) return;
        undecided = except(undecided, decided);
        if (r[1] === "Allow") allowed = union(allowed, decided);
        else if (r[1] === "Pass") passed = union(passed, decided);
        onPass(r[1], decided);
      });
      return passed;
    }
    var admin = tierRules(0, subject, egress);
    if (admin) {
      var passed = run(admin, tr.admin, function (action, d) {
        if (action === "Allow") tr.adminAllowed = union(tr.adminAllowed, d);
        else if (action === "Deny") tr.adminDenied = union(tr.adminDenied, d);
        else tr.adminPassed = union(tr.adminPassed, d);
      });
      undecided = union(undecided, passed);
    }
    tr.reachedNetworkPolicies = undecided;
    tr.isolated = npIsolated;
    if (empty(undecided)) return allowed;
    if (npIsolated) {
      tr.networkPolicyAllowed = intersect(npSet, undecided);
      return union(allowed, tr.networkPolicyAllowed);
    }
    tr.reachedBaseline = undecided;
    var fallThrough = NONE, baseline = tierRules(1, subject, egress);
    if (baseline) fallThrough = run(baseline, tr.baseline, function (action, d) {
      if (action === "Allow") tr.baselineAllowed = union(tr.baselineAllowed, d);
      else if (action === "Deny") tr.baselineDenied = union(tr.baselineDenied, d);
      else tr.baselinePassed = union(tr.baselinePassed, d);
    });
    tr.defaultAllowed = union(undecided, fallThrough);
    return union(allowed, tr.defaultAllowed);
  }
  function decisions(allowed, denied, passed, pass) {
    var parts = [];
    if (!empty(allowed)) parts.push("allows " + setText(allowed));
    if (!empty(denied)) parts.push("denies " + setText(denied));
    if (!empty(passed)) parts.push(pass + ": " + setText(passed));
    return parts.length === 0 ? "its matching rules decide nothing here" : parts.join("; ");
  }
  function ownVerdict(steps, open) {
    var v = { allow: NONE, deny: NONE, pass: NONE };
    steps.forEach(function (s) {
      var decided = intersect(s.matched, open);
      if (empty(decided)) return;
      open = except(open, decided);
      var a = s.ar.rule[1];
      if (a === "Allow") v.allow = union(v.allow, decided); else if (a === "Deny") v.deny = union(v.deny, decided); else v.pass = union(v.pass, decided);
    });
    return v;
  }
  // A tier's trace as rule lines (AdminExplanation.cs RuleVerdicts), and for the Admin tier the equal-priority ambiguities.
  function ruleVerdicts(steps, other, egress, admin, ambiguities) {
    var list = [], passedBy = [], otherId = E[other][0];
    steps.forEach(function (s) {
      var r = s.ar.rule, name = TIERS[s.ar.t][s.ar.p][0] + (r[3] !== null ? " ('" + r[3] + "')" : ""), outcome, detail;
      if (empty(s.matched) && r[6] !== null) {
        outcome = "undecidable";
        detail = r[6].indexOf("nodes") >= 0
          ? "has " + r[6] + " peers: nodes are not endpoints of this analysis and domain names resolve only at run time, so they are taken to match nothing"
          : "has " + r[6] + " peers: domain names resolve only at run time (not decidable statically), so they are taken to match nothing";
      } else if (!empty(s.decided)) {
        var d = setText(s.decided);
        outcome = r[1] === "Allow" ? "allow" : r[1] === "Deny" ? "deny" : "pass";
        detail = r[2] + " rule matches " + otherId + ": " + (r[1] === "Allow" ? "allows " + d : r[1] === "Deny" ? "denies " + d
          : "passes " + d + " on to " + (admin ? "the NetworkPolicy tier" : "the default (allowed)"));
        var skipped = passedBy.map(function (p) { return { ar: p.ar, ports: intersect(p.ports, s.matched) }; }).filter(function (p) { return !empty(p.ports); });
        if (skipped.length > 0)
          detail += " (skipped for " + skipped.map(function (p) { return setText(p.ports) + ", which " + ruleName(p.ar, egress) + " passed on"; }).join(", ") + ")";
        if (r[1] === "Pass") passedBy.push({ ar: s.ar, ports: s.decided });
      } else {
        var skippers = passedBy.filter(function (p) { return !empty(intersect(p.ports, s.matched)); }).map(function (p) { return ruleName(p.ar, egress); });
        outcome = skippers.length > 0 ? "skipped" : "shadowed";
        detail = skippers.length > 0
          ? "matches " + otherId + " on " + setText(s.matched) + ", but " + skippers.join(", ") + " passed those ports on: the rest of this tier is skipped for them"
          : empty(s.matched) ? "its peers include " + otherId + ", but none of its ports resolve on the destination"
          : "matches " + otherId + " on " + setText(s.matched) + ", but rules above decided those ports already";
      }
      list.push({ where: r[0], number: s.ar.number, outcome: outcome, detail: name + ": " + detail });
    });
    if (admin) {
      var matching = steps.filter(function (s) { return !empty(s.matched) && TIERS[s.ar.t][s.ar.p][1] !== null; });
      var levels = [], byLevel = {}, decidedAbove = NONE;
      matching.forEach(function (s) {
        var key = TIERS[s.ar.t][s.ar.p][1];
        if (!Object.prototype.hasOwnProperty.call(byLevel, key)) { byLevel[key] = []; levels.push(key); }
        byLevel[key].push(s);
      });
      levels.sort(function (a, b) { return a - b; });
      levels.forEach(function (key) {
        var level = byLevel[key], open = except(ALL, decidedAbove), order = [], byPolicy = {};
        level.forEach(function (s) {
          if (!Object.prototype.hasOwnProperty.call(byPolicy, s.ar.p)) { byPolicy[s.ar.p] = []; order.push(s.ar.p); }
          byPolicy[s.ar.p].push(s);
        });
        var verdicts = order.map(function (p) { return { name: TIERS[0][p][0], v: ownVerdict(byPolicy[p], open) }; });
        for (var i = 0; i < verdicts.length; i++)
          for (var j = i + 1; j < verdicts.length; j++) {
            var a = verdicts[i], b = verdicts[j];
            var conflict = union(union(intersect(a.v.allow, union(b.v.deny, b.v.pass)), intersect(a.v.deny, union(b.v.allow, b.v.pass))),
              intersect(a.v.pass, union(b.v.allow, b.v.deny)));
            if (empty(conflict)) continue;
            ambiguities.push(a.name + " and " + b.name + " both have priority " + key + " and decide " + otherId + " differently on " + setText(conflict) +
              ": the spec leaves the order of equal priorities undefined, so a cluster may apply either; this analysis applied " + a.name + " first (by kind and name)");
          }
        level.forEach(function (s) { decidedAbove = union(decidedAbove, s.decided); });
      });
    }
    return list;
  }
  // One side (Explanation.cs Side): the source's egress or the destination's ingress.
  function explainSide(egress, subject, other) {
    var way = egress ? "egress" : "ingress", toward = egress ? "to" : "from", S = E[subject], subjectId = S[0], otherId = E[other][0];
    if (S[2] === "x") return { summary: "external addresses have no NetworkPolicies: their " + way + " is not restricted", policies: [], allowed: ALL, tiers: null, ambiguities: [] };
    var dest = egress ? other : subject, policies = [], applied = 0, npSet = NONE;
    (egress ? S[6] : S[7]).forEach(function (pi) {
      var p = POLICIES[pi];
      if (p[2] !== null) { policies.push({ p: p, detail: "not applied: the API server rejects this policy (KNL304: " + p[2] + ")", rules: [] }); return; }
      applied++;
      var rules = (egress ? p[3] : p[4]).map(function (r, n) {
        var line = { where: r[0], number: n + 1 };
        if (r[2] >= 0 && !bit(r[2], E[other][5])) { line.detail = "its peers do not include " + otherId; return line; }
        var ports = portsFor(r[1], dest);
        if (empty(ports)) {
          var names = PORTS[r[1]][1].map(function (k) { return "'" + NAMES[k][0] + "' (" + NAMES[k][1] + ")"; }).join(", ");
          line.detail = "its peers include " + otherId + ", but " + E[dest][0] + " declares no container port named " + names + ", so it allows nothing there";
          return line;
        }
        npSet = union(npSet, ports);
        line.detail = "allows " + setText(ports) + " " + toward + " " + (r[2] < 0 ? "every " + (egress ? "destination" : "source") : otherId);
        return line;
      });
      policies.push({ p: p, detail: rules.length === 0 ? "isolates " + subjectId + " for " + way + " and has no " + way + " rules: allows nothing by itself"
        : "isolates " + subjectId + " for " + way, rules: rules });
    });
    var isolated = applied > 0;
    if (!isolated) npSet = ALL;
    var summary = isolated
      ? subjectId + " is isolated for " + way + " by " + pluralPolicy(applied) + "; " +
        (empty(npSet) ? "no rule allows anything " + toward + " " + otherId : "their rules allow " + setText(npSet) + " " + toward + " " + otherId)
      : subjectId + " is not isolated for " + way + " (no applied policy selecting it has " + (egress ? "Egress" : "Ingress") + " in policyTypes): everything is allowed";
    if (!D.admin) return { summary: summary, policies: policies, allowed: npSet, tiers: null, ambiguities: [] };

    var tr = { admin: [], baseline: [], adminAllowed: NONE, adminDenied: NONE, adminPassed: NONE, reachedNetworkPolicies: NONE, isolated: false,
      networkPolicyAllowed: NONE, reachedBaseline: NONE, baselineAllowed: NONE, baselineDenied: NONE, baselinePassed: NONE, defaultAllowed: NONE };
    var allowed = decide(egress, subject, other, isolated, npSet, tr), ambiguities = [], tiers = [];
    var adminRules = ruleVerdicts(tr.admin, other, egress, true, ambiguities);
    tiers.push({ tier: "Admin", reached: true, rules: adminRules, summary: tierRules(0, subject, egress) === null ? "no applied Admin tier policy has " + way + " rules for " + subjectId
      : tr.admin.length === 0 ? "no Admin tier rule matches " + otherId : decisions(tr.adminAllowed, tr.adminDenied, tr.adminPassed, "passes to the NetworkPolicy tier") });
    var npReached = !empty(tr.reachedNetworkPolicies), reached = setText(tr.reachedNetworkPolicies);
    tiers.push({ tier: "NetworkPolicy", reached: npReached, rules: [], summary: !npReached ? "not reached: the Admin tier decided every port"
      : tr.isolated ? "reached for " + reached + "; " + summary + "; NetworkPolicies decide every port left for the pods they select, " +
        (empty(tr.networkPolicyAllowed) ? "allowing none of it" : "allowing " + setText(tr.networkPolicyAllowed))
      : "reached for " + reached + ", but no applied NetworkPolicy isolates " + subjectId + " for " + way + ": evaluation goes on to the Baseline tier" });
    var baselineReached = !empty(tr.reachedBaseline), rb = setText(tr.reachedBaseline);
    tiers.push({ tier: "Baseline", reached: baselineReached, rules: ruleVerdicts(tr.baseline, other, egress, false, []), summary: !baselineReached
      ? (npReached && tr.isolated ? "not reached: NetworkPolicies isolate " + subjectId + " for " + way : "not reached")
      : tierRules(1, subject, egress) === null ? "reached for " + rb + "; no applied Baseline tier policy has " + way + " rules for " + subjectId
      : tr.baseline.length === 0 ? "reached for " + rb + "; no Baseline rule matches " + otherId
      : "reached for " + rb + "; " + decisions(tr.baselineAllowed, tr.baselineDenied, tr.baselinePassed, "passes to the default") });
    var defaultReached = !empty(tr.defaultAllowed);
    tiers.push({ tier: "Default", reached: defaultReached, rules: [], summary: defaultReached ? "allows what no tier decided: " + setText(tr.defaultAllowed) : "not reached" });
    return { summary: "decided tier by tier (Admin, NetworkPolicy, Baseline, default): " + (empty(allowed) ? "nothing" : setText(allowed)) + " allowed " + toward + " " + otherId,
      policies: policies, allowed: allowed, tiers: tiers, ambiguities: ambiguities };
  }
  function routeOf(routes, cls) {
    for (var k = 0; k < routes.length; k += 2) if (routes[k] === cls) return parseSet(SETS[routes[k + 1]]);
    return NONE;
  }
  function gatewayOf(cls) {
    var gws = D.gateways || [];
    for (var k = 0; k < gws.length; k++) if (gws[k][0] === cls) return gws[k];
    return null;
  }
  // The pod-IP caveats one side gives: per policy isolating the subject, those about the other endpoint's pod IPs.
  function ipCaveats(subject, egress, other, out) {
    var S = E[subject], list = E[other][10];
    if (!list || S[2] === "x") return;
    (egress ? S[6] : S[7]).forEach(function (pi) {
      if (POLICIES[pi][2] !== null) return;
      list.forEach(function (c) { if (c[0] === pi && c[1] === (egress ? 0 : 1)) out.push(c[2]); });
    });
  }
  // The text `kubenetlint explain --from FROM --to TO` prints (ExplainWriters.Text, without --port).
  function explainText(from, to) {
    var F = E[from], T = E[to], fromId = F[0], toId = T[0], note = null, C = D.controller, routed;
    if (C && F[5] === C[0]) {
      routed = routeOf(C[1], T[5]);
      note = empty(routed) ? "the ingress controller only opens connections to Ingress backends, and no Ingress routes to " + toId
        : "the ingress controller opens connections to " + toId + " only on what its Ingresses route there: " + setText(routed);
    }
    var gw = gatewayOf(F[5]);
    if (gw) {
      routed = routeOf(gw[2], T[5]);
      note = empty(routed) ? "the Gateway only opens connections to the backends of its routes, and no route sends to " + toId
        : "the Gateway opens connections to " + toId + " only on what its routes send there: " + setText(routed);
    }
    var listen = gatewayOf(T[5]);
    if (listen) note = toId + " stands in for the Gateway's data-plane pods (not in the input); it accepts its listener ports: " + SETS[listen[1]];
    if (C && T[5] === C[0]) note = "connections to the ingress controller stand-in are not analysed (its pods are not in the input)";
    else if (F[2] === "x" && T[2] === "x") note = "traffic between external addresses does not pass the cluster's policies and is not analysed";
    else if (from === to) note = fromId + " to itself: this is what its pods may send each other; the matrix does not list it";
    else if (F[5] === T[5]) note = fromId + " and " + toId + " have the same namespace, labels and ports, so every policy treats them alike";
    var egress = explainSide(true, from, to), ingress = explainSide(false, to, from), allowed;
    if (from !== to) { var s = setOf(from, to); allowed = s < 0 ? NONE : parseSet(SETS[s]); }
    else allowed = empty(egress.allowed) ? NONE : intersect(egress.allowed, ingress.allowed);
    var caveats = [];
    (from === to ? [from] : [from, to]).forEach(function (i) { if (E[i][8] !== null) caveats.push(E[i][8]); });
    ipCaveats(from, true, to, caveats);
    ipCaveats(to, false, from, caveats);
    var lines = [fromId + " -> " + toId + ": " + (empty(allowed) ? "DENIED" : "ALLOWED") + " (" + setText(allowed) + ")"];
    if (note !== null) lines.push("note: " + note);
    caveats.forEach(function (c) { lines.push("caveat: " + c); });
    [["egress", egress], ["ingress", ingress]].forEach(function (pair) {
      var title = pair[0], side = pair[1];
      lines.push("", title + ": " + side.summary);
      side.ambiguities.forEach(function (a) { lines.push("  warning: " + a); });
      function policyLines(indent) {
        side.policies.forEach(function (p) {
          lines.push(indent + p.p[1] + ": NetworkPolicy " + p.p[0] + " " + p.detail);
          p.rules.forEach(function (r) { lines.push(indent + "  " + r.where + ": " + title + " rule " + r.number + ": " + r.detail); });
        });
      }
      if (side.tiers) side.tiers.forEach(function (t) {
        lines.push("  " + t.tier + " tier: " + t.summary);
        t.rules.forEach(function (r) { lines.push("    " + r.where + ": " + title + " rule " + r.number + " [" + r.outcome + "]: " + r.detail); });
        if (t.tier === "NetworkPolicy" && t.reached) policyLines("    ");
      });
      else policyLines("  ");
    });
    return lines.join("\n");
  }
  function quote(s) { return /^[A-Za-z0-9_.\/:@%+=,-]+$/.test(s) ? s : "'" + s.replace(/'/g, "'\\''") + "'"; }
  function showExplain(from, to) {
    var started = Date.now();
    explain.textContent = explainText(from, to);
    var more = [];
    [from, to].forEach(function (i, k) { if (E[i][4] && (k === 0 || to !== from)) more.push(E[i][4]); });
    var dk = from + "," + to;
    if (DECLARED) {
      if (Object.prototype.hasOwnProperty.call(DECLARED, dk)) more.push("declared: " + SETS[DECLARED[dk]] + " (a connection the caller's configuration names)");
      (DENIED[dk] || []).forEach(function (t) { more.push("declared but denied: " + t); });
    }
    more.push("The same from the command line:",
      "  kubenetlint explain --from " + quote(E[from][0]) + " --to " + quote(E[to][0]) + (D.explain ? " " + D.explain : ""));
    explainMore.textContent = more.join("\n");
    explainTitle.textContent = "Explanation";
    body.setAttribute("data-explained", E[from][0] + " -> " + E[to][0]);
    body.setAttribute("data-explain-ms", String(Date.now() - started));
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
    // With --declared, the declared dependencies the policies deny are neighbours too (dashed red edges).
    var deniedIn = [], deniedOut = [];
    for (var dkey in DENIED) {
      if (!Object.prototype.hasOwnProperty.call(DENIED, dkey)) continue;
      var ends = dkey.split(",").map(Number);
      if (ends[1] === center && ins.indexOf(ends[0]) < 0) deniedIn.push(ends[0]);
      if (ends[0] === center && outs.indexOf(ends[1]) < 0) deniedOut.push(ends[1]);
    }
    ins = ins.concat(deniedIn); outs = outs.concat(deniedOut);
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
      var pair = from + "," + to, cls = "edge " + (set < 0 ? "none" : SETS[set] === "all" ? "all" : "some"), tip = set < 0 ? "none" : SETS[set];
      if (DECLARED && Object.prototype.hasOwnProperty.call(DECLARED, pair)) { cls += " decl"; tip += "; declared: " + SETS[DECLARED[pair]]; }
      if (DENIED[pair]) { cls += " decl-denied"; tip += "; declared but denied: " + DENIED[pair].join("; "); }
      var line = svg("line", { x1: String(x1), y1: String(y1), x2: String(x2), y2: String(y2), "class": cls, "marker-end": "url(#arrow)" });
      line.appendChild(svg("title", {}, E[from][0] + " \u2192 " + E[to][0] + ": " + tip));
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
