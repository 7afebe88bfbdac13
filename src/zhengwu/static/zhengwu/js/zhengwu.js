/*
 * zhengwu: display settings for older and low-vision readers.
 *
 * Buttons marked data-display-toggle="large-text" or "high-contrast" switch a class of the same
 * name on <html>; the choice is remembered in localStorage and applied again, before the first
 * paint, on every page (this file is loaded synchronously in <head> for that reason, and is small).
 * The buttons are real <button>s (keyboard: Tab, then Enter or Space) and report their state with
 * aria-pressed. Without JavaScript they stay hidden, since they could not work.
 *
 * Pages that draw charts can listen for the "zhengwu:display" event on window to redraw.
 */
(function () {
  "use strict";

  var KEY = "zhengwu.display";
  var MODES = ["large-text", "high-contrast"];
  var root = document.documentElement;

  function load() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return value && typeof value === "object" ? value : {};
    } catch (e) {
      return {};
    }
  }

  function save(state) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
    } catch (e) {
      /* private browsing or storage disabled: the setting lasts for this page only */
    }
  }

  var state = load();
  MODES.forEach(function (mode) {
    root.classList.toggle(mode, state[mode] === true);
  });

  function sync() {
    document.querySelectorAll("[data-display-tools]").forEach(function (tools) {
      tools.hidden = false;
    });
    document.querySelectorAll("[data-display-toggle]").forEach(function (button) {
      var on = root.classList.contains(button.getAttribute("data-display-toggle"));
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function set(mode, on) {
    if (MODES.indexOf(mode) < 0) {
      return;
    }
    root.classList.toggle(mode, on);
    state[mode] = on;
    save(state);
    sync();
    window.dispatchEvent(new CustomEvent("zhengwu:display", { detail: { mode: mode, on: on } }));
  }

  function onClick(event) {
    var target = event.target;
    var button = target && target.closest ? target.closest("[data-display-toggle]") : null;
    if (!button) {
      return;
    }
    var mode = button.getAttribute("data-display-toggle");
    set(mode, !root.classList.contains(mode));
  }

  function init() {
    sync();
    document.addEventListener("click", onClick);
    /* htmx may swap in fresh markup that contains the buttons */
    document.body.addEventListener("htmx:load", function () {
      sync();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }

  window.zhengwu = window.zhengwu || {};
  window.zhengwu.display = {
    modes: MODES.slice(),
    set: set,
    isOn: function (mode) {
      return root.classList.contains(mode);
    },
  };
})();
