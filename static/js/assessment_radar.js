// Draws the firm assessment's radar (six capabilities vs the peer median) and its yearly trend
// from the JSON the server embedded (CSP: no inline script).
(function () {
  const source = document.getElementById("assessment-chart-data");
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const radar = {
    tooltip: {},
    legend: { bottom: 0, data: [data.radar.names.firm, data.radar.names.median] },
    radar: { indicator: data.radar.indicators, radius: "62%", center: ["50%", "46%"], axisName: { color: "#333" } },
    series: [{
      type: "radar",
      data: [
        { name: data.radar.names.firm, value: data.radar.firm, areaStyle: { opacity: 0.25 } },
        { name: data.radar.names.median, value: data.radar.median, lineStyle: { type: "dashed" } },
      ],
    }],
  };
  const trend = {
    tooltip: { trigger: "axis" },
    legend: { top: 0, type: "scroll" },
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "category", data: data.trend.years },
    yAxis: { type: "value", min: 0, max: 100 },
    series: data.trend.series.map((s, i) => ({
      name: s.name, type: "line", data: s.data, connectNulls: true, lineStyle: { width: i === 0 ? 3 : 1 },
    })),
  };
  const charts = { radar: radar, trend: trend };
  document.querySelectorAll("[data-chart]").forEach((el) => {
    const option = charts[el.dataset.chart];
    if (!option) return;
    const chart = echarts.init(el);
    chart.setOption(option);
    el.dataset.rendered = "1";
    window.addEventListener("resize", () => chart.resize());
  });
})();
