/*
 * zhengwu: the "Print" button of printable pages (the service guide).
 *
 * A <button data-print hidden> becomes visible and opens the browser's print dialog. Without
 * JavaScript it stays hidden and the page's written instructions (Ctrl+P) remain.
 */
(function () {
  "use strict";

  function init() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
