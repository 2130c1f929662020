/* Pagefind UI served from this site (no third-party requests); ?q= pre-fills the query.
   The index is split into shards (pagefind/0/, pagefind/1/ …, listed in data-bundles)
   so that a rebuild re-indexes only what changed; the UI merges them for the reader. */
(function () {
  "use strict";
  var box = document.getElementById("search");
  var bundles = JSON.parse(box.getAttribute("data-bundles") || "[]");
  if (!bundles.length || typeof PagefindUI === "undefined") {
    box.textContent = "暂时无法搜索，请浏览主动公开目录或网站地图。";
    return;
  }
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: bundles[0],
    mergeIndex: bundles.slice(1).map(function (path) { return { bundlePath: path }; }),
    showSubResults: false,
    showImages: false,
    translations: { placeholder: "输入关键词、索引号或发文字号", zero_results: "没有找到与“[SEARCH_TERM]”相关的文章" }
  });
  // Pagefind's input has only a placeholder: give it an accessible name (WCAG 1.3.1/4.1.2).
  function label() {
    var input = document.querySelector("#search input");
    if (!input) { return false; }
    input.setAttribute("aria-label", "站内搜索：输入关键词、索引号或发文字号");
    return true;
  }
  if (!label()) {
    new MutationObserver(function (changes, observer) {
      if (label()) { observer.disconnect(); }
    }).observe(box, { childList: true, subtree: true });
  }
  // A shared link keeps its filters: ?q=…&文种=行政规范性文件&年份=2025 (one value per key, repeatable).
  var params = new URLSearchParams(window.location.search);
  var filters = {};
  params.forEach(function (value, key) {
    if (key !== "q") { (filters[key] = filters[key] || []).push(value); }
  });
  if (Object.keys(filters).length && typeof ui.triggerFilters === "function") {
    ui.triggerFilters(filters);
  }
  var q = params.get("q");
  if (q) { ui.triggerSearch(q); }
})();
