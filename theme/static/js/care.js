/* 关怀版 (A11Y-03): larger type, high contrast, large cursor. No third-party code;
   the choice is kept in localStorage and applied before the page paints. */
(function () {
  "use strict";
  var KEY = "govsite-care";
  var root = document.documentElement;
  function stored() {
    try { return window.localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
  }
  function apply(on) {
    root.classList.toggle("care", on);
    var button = document.getElementById("care-toggle");
    if (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "退出关怀版" : "关怀版";
    }
  }
  apply(stored());
  document.addEventListener("DOMContentLoaded", function () {
    apply(stored());
    var button = document.getElementById("care-toggle");
    if (button) {
      button.addEventListener("click", function () {
        var on = !root.classList.contains("care");
        try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* private mode */ }
        apply(on);
      });
    }
    var print = document.getElementById("print-button");
    if (print) {
      print.addEventListener("click", function () { window.print(); });
    }
  });
})();
