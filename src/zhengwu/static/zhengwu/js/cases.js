/*
 * zhengwu: the case pages with htmx.
 *
 * Every action form is an ordinary POST form that works without JavaScript; htmx (hx-post)
 * swaps the part of the page the action changed. This file only helps people who use a
 * keyboard or a screen reader follow the swap:
 * - after a swap, focus moves to the first element marked data-focus-after-swap in the new
 *   content (the confirmation, or the summary of the errors), so it is read out and Tab
 *   continues from there;
 * - when the request fails (no connection, a server error, a refused CSRF check), the page's
 *   alert area shows the message written in its data-error-text attribute, instead of nothing
 *   happening or a whole error page landing inside this one.
 * No dialogs, no pop-ups.
 */
(function () {
  "use strict";

  function alertArea() {
    return document.getElementById("action-alert");
  }

  function focusFirst(root) {
    if (!root || !root.querySelector) {
      return;
    }
    var target = root.matches && root.matches("[data-focus-after-swap]")
      ? root
      : root.querySelector("[data-focus-after-swap]");
    if (target) {
      if (!target.hasAttribute("tabindex")) {
        target.setAttribute("tabindex", "-1");
      }
      target.focus({ preventScroll: false });
    }
  }

  function showFailure() {
    var area = alertArea();
    if (!area) {
      return;
    }
    var p = document.createElement("p");
    p.className = "notice notice-error";
    p.setAttribute("tabindex", "-1");
    p.textContent = area.getAttribute("data-error-text") || "";
    area.replaceChildren(p);
    p.focus();
  }

  document.addEventListener("htmx:beforeRequest", function () {
    var area = alertArea();
    if (area) {
      area.replaceChildren();
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.elt;
    if (target && !document.body.contains(target)) {
      target = event.detail.target;
    }
    focusFirst(target && document.body.contains(target) ? target : alertArea());
  });
  /* A 403 is swapped only when the view sent it as a message for the alert area; any other
     403 (a stale form's CSRF check, say) is a whole page that must not land inside this one. */
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.status === 403 && !xhr.getResponseHeader("HX-Retarget")) {
      event.detail.shouldSwap = false;
      showFailure();
    }
  });
  document.addEventListener("htmx:responseError", showFailure);
  document.addEventListener("htmx:sendError", showFailure);
})();
