/*
 * zhengwu: the leaders' dashboard charts (ECharts, vendored; no inline script, CSP-friendly).
 *
 * The figures come from the JSON the page writes in #dashboard-data: one entry per chart, keyed
 * as the chart's element's data-chart, with its categories and series. Every chart has a table of
 * the same figures next to it, which is what a screen reader reads; the chart is an image with a
 * label, shown only once drawn. Series are told apart by more than colour (decal patterns).
 */
(function () {
  "use strict";

  function css(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function option(chart, text) {
    var percent = chart.unit === "%";
    var category = {
      type: "category",
      data: chart.categories,
      axisLabel: chart.kind === "bar"
        ? { color: text, fontSize: 13, interval: 0, width: 64, overflow: "break" }
        : { color: text, fontSize: 14, hideOverlap: true }
    };
    var value = {
      type: "value",
      minInterval: percent ? 0 : 1,
      max: percent ? 100 : null,
      axisLabel: { color: text, fontSize: 14, formatter: percent ? "{value}%" : "{value}" }
    };
    var horizontal = chart.kind === "hbar";
    return {
      aria: { enabled: true, decal: { show: true } },
      textStyle: { color: text, fontSize: 16 },
      legend: { top: 0, textStyle: { color: text, fontSize: 16 } },
      tooltip: { trigger: "axis" },
      grid: { left: 16, right: horizontal ? 72 : 24, top: 48, bottom: 16, containLabel: true },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? Object.assign({}, category, { inverse: true }) : value,
      animation: false,
      series: chart.series.map(function (s) {
        return {
          name: s.name,
          type: "bar",
          stack: chart.kind === "stacked" ? "total" : undefined,
          data: s.data.map(function (v) { return v === null ? "-" : v; }),
          label: chart.kind === "stacked" ? undefined : {
            show: true,
            position: horizontal ? "right" : "top",
            color: text,
            formatter: function (p) {
              return percent ? Number(p.value).toFixed(1) + "%" : String(p.value);
            }
          }
        };
      })
    };
  }

  function draw() {
    var source = document.getElementById("dashboard-data");
    if (!source || typeof echarts === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var text = css("--zw-text", "#1f2328");
    var colours = [
      css("--zw-primary-bg", "#0a4ea3"), css("--zw-success", "#1e6b34"),
      css("--zw-warning", "#7a4b00"), css("--zw-error", "#b3261e"), "#5b3f8c", "#2b6f77"
    ];
    var alertColours = { red: css("--zw-error", "#b3261e"), yellow: css("--zw-warning", "#c98a00") };
    var nodes = document.querySelectorAll("[data-chart]");
    Array.prototype.forEach.call(nodes, function (node) {
      var chart = data[node.getAttribute("data-chart")];
      if (!chart) {
        return;
      }
      node.hidden = false;
      if (chart.kind === "hbar") {
        // One band per department: as tall as the list needs.
        node.style.height = Math.max(352, chart.categories.length * 44 + 80) + "px";
      }
      var opts = option(chart, text);
      opts.color = chart.key === "alerts"
        ? chart.series.map(function (s) { return alertColours[s.key] || colours[0]; })
        : colours;
      var instance = echarts.init(node);
      instance.setOption(opts);
      window.addEventListener("resize", function () { instance.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
