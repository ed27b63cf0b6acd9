// Draws a project's milestones as a Gantt chart from the JSON the server embedded (CSP: no inline
// script). Per row: the plan (grey), the forecast (light, in the milestone's colour) and the actual
// dates (solid); a 0-day milestone is a diamond; ★ marks the critical path; a dashed line is today.
(function () {
  const source = document.getElementById("gantt-data");
  const el = document.getElementById("gantt");
  if (!source || !el || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const names = data.names;
  const rows = data.rows;
  const DAY = 86400000;
  const COLOURS = { green: "#198754", yellow: "#e0a800", red: "#dc3545" };
  const LANES = { planned: -0.25, forecast: 0, actual: 0.25 };

  function day(text) { // a local midnight, so bars line up with the axis' days
    const [y, m, d] = text.split("-").map(Number);
    return new Date(y, m - 1, d).getTime();
  }

  function items(kind) {
    const out = [];
    rows.forEach((row, i) => {
      const span = row[kind];
      if (!span) return;
      const colour = kind === "planned" ? "#adb5bd" : COLOURS[row.health] || COLOURS.green;
      out.push({
        value: [i, day(span[0]), day(span[1]) + DAY, row.days === 0 ? 1 : 0],
        row: row, span: span,
        itemStyle: { color: colour, opacity: kind === "forecast" ? 0.45 : 1 },
      });
    });
    return out;
  }

  function renderer(kind) {
    return function (params, api) {
      // A category axis maps any value to its band's centre, so the lane offset is in pixels.
      const band = api.size([0, 1])[1];
      const start = api.coord([api.value(1), api.value(0)]);
      const end = api.coord([api.value(2), api.value(0)]);
      const height = band * 0.2;
      const y = start[1] + LANES[kind] * band;
      const box = params.coordSys;
      if (api.value(3)) { // an event: a diamond at the start of its day
        const r = height * 0.8, x = start[0];
        return { type: "polygon", shape: { points: [[x, y - r], [x + r, y], [x, y + r], [x - r, y]] },
                 style: api.style() };
      }
      const shape = echarts.graphic.clipRectByRect(
        { x: start[0], y: y - height / 2, width: Math.max(end[0] - start[0], 2), height: height },
        { x: box.x, y: box.y, width: box.width, height: box.height });
      return shape && { type: "rect", shape: shape, style: api.style() };
    };
  }

  function series(kind) {
    const s = { name: names[kind], type: "custom", renderItem: renderer(kind), encode: { x: [1, 2], y: 0 },
                data: items(kind), itemStyle: { color: kind === "planned" ? "#adb5bd" : COLOURS.green,
                                                opacity: kind === "forecast" ? 0.45 : 1 } };
    if (kind === "planned") {
      s.markLine = { symbol: "none", silent: true, lineStyle: { type: "dashed", color: "#0d6efd" },
                     label: { formatter: names.today, position: "end" }, data: [{ xAxis: day(data.today) }] };
    }
    return s;
  }

  function tooltip(params) {
    const row = params.data.row, span = params.data.span;
    const when = span[0] === span[1] ? span[0] : span[0] + " ~ " + span[1];
    const lines = [(row.critical ? "★ " : "") + row.name, params.seriesName + "：" + when,
                   names.health[row.health] || ""];
    if (row.float !== null) lines.push(names.float + "：" + row.float);
    return lines.map((t) => echarts.format.encodeHTML(t)).join("<br>");
  }

  el.style.height = Math.max(220, rows.length * 44 + 110) + "px";
  const chart = echarts.init(el);
  chart.setOption({
    animation: false,
    tooltip: { trigger: "item", formatter: tooltip },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 56, containLabel: true },
    xAxis: { type: "time", position: "top", splitLine: { show: true, lineStyle: { color: "#eee" } },
             axisLabel: { hideOverlap: true } },
    yAxis: { type: "category", inverse: true, data: rows.map((r) => (r.critical ? "★ " : "") + r.name),
             axisTick: { show: false }, axisLabel: { width: 96, overflow: "truncate" } },
    dataZoom: [{ type: "slider", xAxisIndex: 0, bottom: 8, height: 18 }, { type: "inside", xAxisIndex: 0 }],
    series: ["planned", "forecast", "actual"].map(series),
  });
  window.addEventListener("resize", () => chart.resize());
})();
