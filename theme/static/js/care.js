/* The site's only script besides search, loaded in <head> so that choices apply before
   the page paints. No third-party code (A11Y-03); choices are kept in localStorage.
   - 关怀版: larger type, high contrast, large cursor, one column.
   - 字号 大/中/小 for article text; 打印, 分享 (copy link), 关闭 on article pages.
   - On phones the header search opens behind one button; the box keeps ?q=. */
(function () {
  "use strict";
  var CARE = "govsite-care", FONT = "govsite-font";
  var root = document.documentElement;
  root.classList.add("js");  // CSS shows the script-only controls, hides the phone search
  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }
  function applyCare(on) {
    root.classList.toggle("care", on);
    var button = document.getElementById("care-toggle");
    if (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "退出关怀版" : "关怀版";
    }
  }
  function applyFont(size) {
    if (size !== "l" && size !== "s") { size = "m"; }
    root.classList.toggle("font-l", size === "l");
    root.classList.toggle("font-s", size === "s");
    var buttons = document.querySelectorAll(".font-button");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", buttons[i].getAttribute("data-font") === size ? "true" : "false");
    }
  }
  function status(text) {
    var box = document.getElementById("tool-status");
    if (box) { box.textContent = text; }
  }
  function copy(text) {
    // The async clipboard needs a secure context; the old way covers plain http.
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy")); }
    });
  }
  function on(id, handler) {
    var el = document.getElementById(id);
    if (el) { el.addEventListener("click", handler); }
  }
  applyCare(load(CARE) === "on");
  applyFont(load(FONT));
  document.addEventListener("DOMContentLoaded", function () {
    applyCare(load(CARE) === "on");
    applyFont(load(FONT));
    on("care-toggle", function () {
      var next = !root.classList.contains("care");
      save(CARE, next ? "on" : "off");
      applyCare(next);
    });
    var query = new URLSearchParams(window.location.search).get("q");
    var input = document.getElementById("q-head");
    var form = document.getElementById("site-search");
    if (input && query) { input.value = query; }
    on("search-toggle", function () {
      var open = !form.classList.contains("open");
      form.classList.toggle("open", open);
      this.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) { input.focus(); }
    });
    var fonts = document.querySelectorAll(".font-button");
    for (var i = 0; i < fonts.length; i++) {
      fonts[i].addEventListener("click", function () {
        var size = this.getAttribute("data-font");
        save(FONT, size);
        applyFont(size);
        status("正文字号已设为" + this.textContent);
      });
    }
    on("print-button", function () { window.print(); });
    on("share-button", function () {
      var url = this.getAttribute("data-url") || window.location.href;
      copy(url).then(function () { status("链接已复制：" + url); },
                     function () { status("无法自动复制，请复制此链接：" + url); });
    });
    on("close-button", function () {
      // Opened from this site: go back. Opened in a new window: close it. Else: the column.
      var fallback = this.getAttribute("data-fallback") || "/";
      var fromHere = document.referrer && document.referrer.indexOf(window.location.origin + "/") === 0;
      if (fromHere && window.history.length > 1) { window.history.back(); return; }
      window.close();
      window.setTimeout(function () { window.location.href = fallback; }, 150);
    });
  });
})();
