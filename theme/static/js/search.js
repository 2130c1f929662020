/* Pagefind UI served from this site (no third-party requests); ?q= pre-fills the query. */
(function () {
  "use strict";
  var ui = new PagefindUI({
    element: "#search",
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
    }).observe(document.getElementById("search"), { childList: true, subtree: true });
  }
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { ui.triggerSearch(q); }
})();
