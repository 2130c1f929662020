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
    if (key !== "q" && value) { (filters[key] = filters[key] || []).push(value); }
  });
  if (Object.keys(filters).length && typeof ui.triggerFilters === "function") {
    ui.triggerFilters(filters);
  }
  var q = params.get("q");
  if (q) { ui.triggerSearch(q); }
  else if (Object.keys(filters).length) { filterOnly(filters); }
  // Pagefind's UI searches only for a term; the catalogue's combined-filter form may send
  // filters alone, which Pagefind's own API answers (search(null, {filters})): listed here.
  function filterOnly(chosen) {
    var list = document.getElementById("filter-results");
    import(bundles[0] + "pagefind.js").then(function (pf) {
      return pf.options({ bundlePath: bundles[0] }).then(function () {
        return Promise.all(bundles.slice(1).map(function (path) { return pf.mergeIndex(path); }));
      }).then(function () {
        return pf.search(null, { filters: chosen });
      });
    }).then(function (found) {
      return Promise.all(found.results.map(function (r) { return r.data(); }));
    }).then(function (pages) {
      var words = Object.keys(chosen).map(function (k) { return k + "：" + chosen[k].join("、"); });
      var head = document.createElement("h2");
      head.textContent = "按条件筛选（" + words.join("；") + "）：共 " + pages.length + " 篇";
      var ul = document.createElement("ul");
      ul.className = "item-list";
      pages.sort(function (a, b) { return (b.meta["日期"] || "").localeCompare(a.meta["日期"] || ""); });
      pages.forEach(function (d) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = d.url;
        a.className = "filter-result-link";
        a.textContent = d.meta.title || d.url;
        var when = document.createElement("span");
        when.className = "date";
        when.textContent = [d.meta["单位"], d.meta["日期"]].filter(Boolean).join(" ");
        li.appendChild(a);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(when);
        ul.appendChild(li);
      });
      list.replaceChildren(head, ul);
    }).catch(function () {
      list.textContent = "暂时无法按条件筛选，请浏览主动公开目录。";
    });
  }
  // ... and writes them back as the reader changes them, so the address bar is always the
  // link to share (replaceState: no history entry per click). Empty values (the catalogue
  // form's 不限) were dropped above, and are never written.
  function writeState() {
    var state = new URLSearchParams();
    var input = box.querySelector("input.pagefind-ui__search-input");
    if (input && input.value.trim()) { state.set("q", input.value.trim()); }
    box.querySelectorAll("input.pagefind-ui__filter-checkbox:checked").forEach(function (c) {
      state.append(c.name, c.value);
    });
    var query = state.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }
  var timer = null;
  box.addEventListener("change", writeState);
  box.addEventListener("input", function () {
    document.getElementById("filter-results").replaceChildren();
    window.clearTimeout(timer);
    timer = window.setTimeout(writeState, 300);
  });
})();
