// The battle map (挂图作战): the park's plots from the GeoJSON the server embedded (CSP: no inline
// script, no map tiles). A click on a plot opens its project, or the plot page when it has none.
// window.battleMap exposes the chart and pixelOf(code) so browser tests can click a plot's centre.
(function () {
  const source = document.getElementById("battle-map-data");
  const el = document.getElementById("battle-map");
  const labels = document.getElementById("battle-map-labels");
  if (!source || !el || !labels || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const text = labels.dataset;
  const byCode = {};
  const legend = {};
  data.legend.forEach((item) => { legend[item.key] = item.label; });
  // ECharts names regions by properties.name: use the plot number, which is unique in a park.
  const regions = {
    type: "FeatureCollection",
    features: data.features.map((f) => {
      byCode[f.properties.code] = f;
      return { type: "Feature", geometry: f.geometry, properties: { name: f.properties.code } };
    }),
  };

  function outerRing(feature) {
    const g = feature.geometry;
    return g.type === "Polygon" ? g.coordinates[0] : g.coordinates[0][0];
  }

  function centre(feature) {
    const ring = outerRing(feature);
    const lons = ring.map((p) => p[0]);
    const lats = ring.map((p) => p[1]);
    return [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
  }

  function meanLatitude() {
    if (!data.features.length) return 0;
    const lats = data.features.map((f) => centre(f)[1]);
    return lats.reduce((a, b) => a + b, 0) / lats.length;
  }

  function tooltip(params) {
    const f = byCode[params.name];
    if (!f) return "";
    const p = f.properties;
    const esc = echarts.format.encodeHTML;
    const lines = [`<strong>${esc(p.code)}</strong> ${esc(p.name || "")}`,
      `${esc(text.area)}：${p.area_mu} ${esc(text.mu)} · ${esc(text.status)}：${esc(p.status_label)}`];
    if (p.occupant) lines.push(`${esc(text.occupant)}：${esc(p.occupant)}`);
    if (p.project_name) {
      lines.push(`${esc(text.project)}：${esc(p.project_name)}（${esc(legend[p.project_health] || "")}）`);
    }
    return lines.join("<br>");
  }

  // The side list for keyboard and phone users: one link per plot (the same target as a click).
  function sideList() {
    const list = document.getElementById("plot-list");
    const count = document.getElementById("plot-count");
    if (!list) return;
    if (count) count.textContent = `（${data.features.length}）`;
    if (!data.features.length) {
      const empty = document.createElement("li");
      empty.className = "list-group-item text-muted";
      empty.textContent = text.empty;
      list.append(empty);
      return;
    }
    const items = data.features.map((f) => {
      const p = f.properties;
      const li = document.createElement("li");
      li.className = "list-group-item p-0";
      const a = document.createElement("a");
      a.className = "d-block px-2 py-1 text-decoration-none";
      a.href = p.url;
      a.dataset.plotCode = p.code;
      const swatch = document.createElement("span");
      swatch.className = "d-inline-block rounded-1 me-1 align-middle";
      swatch.style.cssText = `width:.8rem;height:.8rem;background:${p.color}`;
      const code = document.createElement("strong");
      code.textContent = p.code;
      const facts = document.createElement("span");
      facts.className = "text-muted";
      facts.textContent = ` · ${p.area_mu} ${text.mu} · ${p.status_label}${p.project_name ? " · " + p.project_name : ""}`;
      a.append(swatch, code, ` ${p.name || ""}`, facts);
      li.append(a);
      return li;
    });
    list.append(...items);
  }

  sideList();
  echarts.registerMap(text.map, regions);
  const chart = echarts.init(el);
  chart.setOption({
    tooltip: { trigger: "item", formatter: tooltip, confine: true },
    series: [{
      type: "map", map: text.map, roam: true, selectedMode: false,
      aspectScale: Math.cos((meanLatitude() * Math.PI) / 180),
      label: { show: data.features.length <= 300, fontSize: 10 },
      labelLayout: { hideOverlap: true },  // phones: plot numbers that do not fit are left out
      emphasis: { label: { show: true }, itemStyle: { borderColor: "#000", borderWidth: 2 } },
      itemStyle: { borderColor: "#ffffff", borderWidth: 1 },
      data: data.features.map((f) => ({
        name: f.properties.code, value: f.properties.area_mu, itemStyle: { areaColor: f.properties.color },
      })),
    }],
  });
  chart.on("click", (params) => {
    const f = byCode[params.name];
    if (f && f.properties.url) window.location.assign(f.properties.url);
  });
  window.addEventListener("resize", () => chart.resize());
  window.battleMap = {
    chart: chart,
    pixelOf: (code) => chart.convertToPixel({ seriesIndex: 0 }, centre(byCode[code])),
  };
})();
