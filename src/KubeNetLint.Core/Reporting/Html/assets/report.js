(function () {
  var el = KNL.el, D = KNL.data();
  var levels = ["error", "warning", "note"];
  var state = { by: "file", level: { error: true, warning: true, note: true }, rule: "", ns: "", suppressed: false, text: "" };
  var hash = (location.hash || "").replace(/^#/, "");
  hash.split("&").forEach(function (kv) {
    var p = kv.split("=");
    if (p[0] === "by" && (p[1] === "rule" || p[1] === "file")) state.by = p[1];
    if (p[0] === "suppressed") state.suppressed = true;
  });

  document.title = "KubeNetLint report: " + D.summary;
  var body = document.body;
  body.appendChild(el("h1", { text: "KubeNetLint report" }));
  body.appendChild(el("p", { cls: "summary", text: D.summary }));
  body.appendChild(el("p", { cls: "muted", text: "kubenetlint " + D.version }));

  var tiles = [["error", "errors"], ["warning", "warnings"], ["note", "notes"], ["suppressed", "suppressed"],
    ["baselined", "baselined"], ["files", "files"], ["objects", "objects"]];
  body.appendChild(el("div", { cls: "counts" }, tiles.map(function (t) {
    return el("div", { cls: "count " + t[0], "data-kind": t[0], "data-count": String(D.counts[t[0]]) },
      [el("b", { text: String(D.counts[t[0]]) }), t[1]]);
  })));

  var ruleIds = Object.keys(D.rules).sort();
  var namespaces = {};
  D.findings.forEach(function (f) { namespaces[f.namespace === null ? "" : f.namespace] = true; });
  var nsList = Object.keys(namespaces).sort();

  function option(value, text) { return el("option", { value: value, text: text }); }
  var bySel = el("select", { id: "by", onchange: function () { state.by = bySel.value; render(); } },
    [option("file", "file"), option("rule", "rule")]);
  bySel.value = state.by;
  var ruleSel = el("select", { id: "rule", onchange: function () { state.rule = ruleSel.value; render(); } },
    [option("", "all rules")].concat(ruleIds.map(function (id) { return option(id, id + " " + D.rules[id].name); })));
  var nsSel = el("select", { id: "namespace", onchange: function () { state.ns = nsSel.value; render(); } },
    [option("*", "all namespaces")].concat(nsList.map(function (n) { return option(n, n === "" ? "(no namespace)" : n); })));
  nsSel.value = "*"; state.ns = "*";
  var search = el("input", { type: "search", id: "search", placeholder: "search messages, files, objects", oninput: function () { state.text = search.value.toLowerCase(); render(); } });
  var shown = el("span", { id: "shown", cls: "muted" });
  var bar = el("div", { cls: "bar" }, [el("label", null, ["group by ", bySel])]);
  levels.forEach(function (l) {
    var box = el("input", { type: "checkbox", id: "level-" + l, onchange: function () { state.level[l] = box.checked; render(); } });
    box.checked = true;
    bar.appendChild(el("label", null, [box, " ", el("span", { cls: "lvl " + l, text: l })]));
  });
  var supp = el("input", { type: "checkbox", id: "show-suppressed", onchange: function () { state.suppressed = supp.checked; render(); } });
  supp.checked = state.suppressed;
  bar.appendChild(el("label", null, ["rule ", ruleSel]));
  bar.appendChild(el("label", null, ["namespace ", nsSel]));
  bar.appendChild(el("label", null, [supp, " suppressed"]));
  bar.appendChild(search);
  bar.appendChild(shown);
  body.appendChild(bar);
  var groups = el("div", { id: "groups" });
  body.appendChild(groups);

  function ruleLink(id) {
    var r = D.rules[id], url = r ? KNL.safeUrl(r.uri) : null;
    return url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: id }) : el("span", { text: id });
  }

  function source(f) {
    if (!f.source) return null;
    var pre = el("pre", { cls: "source" });
    var width = String(f.source.first + f.source.lines.length - 1).length;
    f.source.lines.forEach(function (text, i) {
      var n = f.source.first + i, hit = n >= f.line && n <= f.endLine;
      var num = String(n);
      while (num.length < width) num = " " + num;
      pre.appendChild(el("span", { cls: hit ? "ln hit" : "ln" }, [el("span", { cls: "no", text: num + " " }), text + "\n"]));
    });
    return pre;
  }

  function finding(f) {
    var loc = f.file + ":" + f.line + ":" + f.column;
    var head = el("div", { cls: "fhead" }, [
      el("span", { cls: "lvl " + f.level, text: f.level }), " ", ruleLink(f.rule), " ",
      el("span", { cls: "rname", text: f.name }), " ", el("code", { cls: "loc", text: loc }),
      f.object ? el("span", { cls: "obj muted", text: " " + f.object }) : null,
      f.suppressed ? el("span", { cls: "supp", text: " suppressed" }) : null]);
    var parts = [head, el("p", { cls: "msg", text: f.message })];
    if (f.suppressed && f.justification) parts.push(el("p", { cls: "muted", text: "why suppressed: " + f.justification }));
    if (f.origin) parts.push(el("p", { cls: "muted", text: "rendered from " + f.origin }));
    if (f.related && f.related.length) parts.push(el("ul", { cls: "related" }, f.related.map(function (r) {
      return el("li", null, [el("code", { text: r.file + ":" + r.line }), " " + r.message]);
    })));
    parts.push(source(f));
    return el("article", { cls: "finding " + f.level + (f.suppressed ? " suppressed" : ""), "data-level": f.level, "data-rule": f.rule }, parts);
  }

  function matches(f) {
    if (!state.level[f.level]) return false;
    if (f.suppressed && !state.suppressed) return false;
    if (state.rule && f.rule !== state.rule) return false;
    if (state.ns !== "*" && (f.namespace === null ? "" : f.namespace) !== state.ns) return false;
    if (state.text) {
      var hay = (f.message + " " + f.file + " " + (f.object || "") + " " + f.rule + " " + f.name).toLowerCase();
      if (hay.indexOf(state.text) < 0) return false;
    }
    return true;
  }

  function render() {
    groups.textContent = "";
    var keyOf = state.by === "rule" ? function (f) { return f.rule; } : function (f) { return f.file; };
    var order = [], byKey = {}, count = 0;
    D.findings.forEach(function (f) {
      if (!matches(f)) return;
      var k = keyOf(f);
      if (!Object.prototype.hasOwnProperty.call(byKey, k)) { byKey[k] = []; order.push(k); }
      byKey[k].push(f);
      count++;
    });
    order.sort();
    order.forEach(function (k) {
      var list = byKey[k];
      list.sort(function (a, b) { return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column; });
      var title;
      if (state.by === "rule") {
        var r = D.rules[k];
        title = el("h2", null, [ruleLink(k), " ", r ? r.name : "", el("span", { cls: "muted", text: " · " + KNL.plural(list.length, "finding") })]);
        if (r) title.appendChild(el("div", { cls: "muted rsum", text: r.summary }));
      } else {
        title = el("h2", null, [el("code", { text: k }), el("span", { cls: "muted", text: " · " + KNL.plural(list.length, "finding") })]);
      }
      groups.appendChild(el("section", { cls: "group", "data-key": k }, [title].concat(list.map(finding))));
    });
    if (count === 0) groups.appendChild(el("p", { cls: "empty", text: D.findings.length === 0 ? "No findings." : "No finding matches the filters." }));
    shown.textContent = KNL.plural(count, "finding") + " shown in " + KNL.plural(order.length, state.by === "rule" ? "rule" : "file");
    body.setAttribute("data-shown", String(count));
    body.setAttribute("data-groups", String(order.length));
  }
  render();
  body.setAttribute("data-ready", "1");
})();
