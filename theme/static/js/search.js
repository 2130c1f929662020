/* Pagefind UI served from this site (no third-party requests); ?q= pre-fills the query. */
(function () {
  "use strict";
  var ui = new PagefindUI({
    element: "#search",
    showSubResults: false,
    showImages: false,
    translations: { placeholder: "输入关键词、索引号或发文字号", zero_results: "没有找到与“[SEARCH_TERM]”相关的文章" }
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { ui.triggerSearch(q); }
})();
