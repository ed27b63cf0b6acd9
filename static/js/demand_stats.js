// Draws the demand statistics charts from the JSON the server embedded (CSP: no inline script).
(function () {
  const source = document.getElementById("stats-chart-data");
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const names = data.names;
  const category = {
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 60 },
    xAxis: { type: "category", data: data.category.labels, axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: "value", name: names.count, minInterval: 1 },
    series: ["total", "open", "resolved"].map((key) => ({ name: names[key], type: "bar", data: data.category[key] })),
  };
  const month = {
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 50, right: 50, top: 40, bottom: 30 },
    xAxis: { type: "category", data: data.month.labels },
    yAxis: [
      { type: "value", name: names.count, minInterval: 1 },
      { type: "value", name: "%", min: 0, max: 100 },
    ],
    series: [
      { name: names.total, type: "line", data: data.month.total },
      { name: names.resolved, type: "line", data: data.month.resolved },
      { name: names.on_time_rate, type: "line", yAxisIndex: 1, data: data.month.on_time_rate, connectNulls: true },
    ],
  };
  const charts = { category: category, month: month };
  document.querySelectorAll("[data-chart]").forEach((el) => {
    const option = charts[el.dataset.chart];
    if (!option) return;
    const chart = echarts.init(el);
    chart.setOption(option);
    window.addEventListener("resize", () => chart.resize());
  });
})();
