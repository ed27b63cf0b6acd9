// Draws the profile's indicator charts from the JSON the server embedded (CSP: no inline script).
(function () {
  const source = document.getElementById("chart-data");
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  // A year without a base (no previous year, or zero) has no growth: show "—", draw no line through it.
  const shown = (value) => (value === null || value === undefined ? "—" : value.toLocaleString());
  const base = (series, unit) => ({
    tooltip: { trigger: "axis", valueFormatter: shown },
    legend: { top: 0 },
    // containLabel: long axis labels (large amounts) widen the plot margin instead of being clipped.
    grid: { left: 10, right: 20, top: 40, bottom: 30, containLabel: true },
    xAxis: { type: "category", data: data.years.map(String) },
    yAxis: { type: "value", name: unit },
    series: series,
  });
  const money = data.money.map((s) => ({ name: s.name, type: "bar", data: s.data }));
  const ratios = data.ratios.map((s) => ({ name: s.name, type: "line", data: s.data, connectNulls: false }));
  const charts = {
    money: base(money, data.labels.money),
    ratios: base(ratios, data.labels.ratio),
  };
  document.querySelectorAll("[data-chart]").forEach((el) => {
    const chart = echarts.init(el);
    chart.setOption(charts[el.dataset.chart]);
    window.addEventListener("resize", () => chart.resize());
  });
})();
