"use strict";
// Shared helpers. Everything that comes from the manifests is put into the DOM as text (textContent,
// attribute values via setAttribute), never parsed as HTML.
var KNL = (function () {
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (!Object.prototype.hasOwnProperty.call(attrs, k) || attrs[k] === null || attrs[k] === undefined) continue;
      if (k === "text") e.textContent = attrs[k];
      else if (k === "cls") e.className = attrs[k];
      else if (k.indexOf("on") === 0) e.addEventListener(k.substring(2), attrs[k]);
      else e.setAttribute(k, attrs[k]);
    }
    if (children) for (var i = 0; i < children.length; i++) {
      var c = children[i];
      if (c === null || c === undefined) continue;
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return e;
  }
  function data() { return JSON.parse(document.getElementById("knl-data").textContent); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  // Rule docs are linked only over http(s).
  function safeUrl(u) { return /^https?:\/\//.test(u || "") ? u : null; }
  return { el: el, data: data, plural: plural, safeUrl: safeUrl };
})();
