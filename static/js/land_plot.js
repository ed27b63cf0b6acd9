// Draws one plot's shape on its page from the GeoJSON the server embedded (no tiles, no network).
(function () {
  const source = document.getElementById("plot-shape");
  const el = document.getElementById("plot-map");
  if (!source || !el || !window.echarts) return;
  const shape = JSON.parse(source.textContent);
  const feature = shape.features[0];
  const g = feature.geometry;
  const ring = g.type === "Polygon" ? g.coordinates[0] : g.coordinates[0][0];
  const lat = ring.reduce((sum, p) => sum + p[1], 0) / ring.length;
  echarts.registerMap("plot", shape);
  const chart = echarts.init(el);
  chart.setOption({
    series: [{
      type: "map", map: "plot", roam: true, selectedMode: false, silent: true,
      aspectScale: Math.cos((lat * Math.PI) / 180),
      label: { show: true, fontWeight: "bold" },
      itemStyle: { areaColor: feature.properties.color, borderColor: "#333", borderWidth: 1.5 },
      data: [{ name: feature.properties.name }],
    }],
  });
  window.addEventListener("resize", () => chart.resize());
})();
