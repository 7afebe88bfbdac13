/*
 * zhengwu: the supervision room's monthly charts (ECharts, vendored).
 *
 * The figures come from the JSON the page writes in #sv-trend-data; the same figures are in a
 * table under the charts, which is what a screen reader reads (the charts are images with a
 * label, shown only once drawn). Series are told apart by more than colour: decal patterns, symbols and line styles.
 */
(function () {
  "use strict";

  function css(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function draw() {
    var source = document.getElementById("sv-trend-data");
    if (!source || typeof echarts === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var text = css("--zw-text", "#1f2328");
    var base = {
      aria: { enabled: true, decal: { show: true } },
      textStyle: { color: text, fontSize: 16 },
      legend: { top: 0, textStyle: { color: text, fontSize: 16 } },
      tooltip: { trigger: "axis" },
      grid: { left: 48, right: 16, top: 48, bottom: 32 },
      xAxis: { type: "category", data: data.months, axisLabel: { color: text } },
      yAxis: { type: "value", minInterval: 1, axisLabel: { color: text } },
      animation: false
    };
    var caseColours = [css("--zw-primary-bg", "#0a4ea3"), css("--zw-success", "#1e6b34"), css("--zw-error", "#b3261e")];
    var cases = document.getElementById("sv-chart-cases");
    if (cases) {
      cases.hidden = false;
      echarts.init(cases).setOption(Object.assign({}, base, {
        color: caseColours,
        series: data.cases.map(function (s) {
          return { name: s.name, type: "bar", data: s.data };
        })
      }));
    }
    var alerts = document.getElementById("sv-chart-alerts");
    if (alerts) {
      alerts.hidden = false;
      var styles = {
        red: { color: css("--zw-error", "#b3261e"), symbol: "rect", type: "solid" },
        yellow: { color: css("--zw-warning", "#7a4b00"), symbol: "triangle", type: "dashed" }
      };
      echarts.init(alerts).setOption(Object.assign({}, base, {
        color: data.alerts.map(function (s) { return styles[s.severity].color; }),
        series: data.alerts.map(function (s) {
          var style = styles[s.severity];
          return {
            name: s.name,
            type: "line",
            data: s.data,
            symbol: style.symbol,
            symbolSize: 10,
            lineStyle: { width: 3, type: style.type }
          };
        })
      }));
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
