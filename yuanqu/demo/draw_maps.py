"""Draw the demo parks' made-up maps: data/park_map.geojson and data/park2_map.geojson.

    .venv/bin/python -m yuanqu.demo.draw_maps

Blocks of land lie between roads (36 m wide) in a grid, turned a few degrees; each block has a
north and a south lane. A plot of 28 亩 or more is a strip across both lanes, a smaller one a
strip in one lane; plots go into the first block with room, in the order listed (so the firms of
a zone stay together), and a leftover of 40 m or more becomes a reserve plot (or a green belt).
Sizes are the occupants' land areas from data/firms.json, or given. Lengths in metres are turned
into lon/lat around the park's centre (x = R·cos(lat0)·Δlon, y = R·Δlat, R = 6371008.8 m) and
rounded to 7 decimals; neighbours share their T-junction vertices, so rounding opens no sliver
between them. `area_mu` is the area of the rounded ring on the same local projection (1 亩 =
10000/15 m²), which the land app's own computation matches to well under 0.1 %.

The output is deterministic: run it after changing the plot lists and commit the files.
"""

import json
import math
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
R, MU = 6371008.8, 10000 / 15
BLOCK_DEPTH, ROAD, MIN_LEFTOVER, FULL_DEPTH_MU = 240.0, 36.0, 40, 28
ALL = ("has_road", "has_water", "has_power", "has_gas", "has_drainage", "has_telecom", "has_heat")
NO_GAS_HEAT = ("has_road", "has_water", "has_power", "has_drainage", "has_telecom")
BASIC = ("has_road", "has_water", "has_power")
# use: (minimum and maximum plot ratio, height limit in m, listed price in 万元 per 亩)
LIMITS = {"industrial": (1.0, 2.8, 30, 28.5), "warehouse": (0.8, 2.0, 24, 24.0),
          "research": (1.5, 4.0, 60, 36.0), "commercial": (1.0, 3.5, 50, 120.0),
          "public": (0.0, 1.0, 15, None)}
PLATFORM = "青岛科技创新园开发建设有限公司"
PLATFORM2 = "青岛崂山数字经济产业园运营管理有限公司"


def firms() -> list[dict]:
    return json.loads((DATA / "firms.json").read_text(encoding="utf-8"))


def occupied(firm_name, area, **extra) -> dict:
    """A firm's own plot (named after the firm unless `name` is given)."""
    return {"area": area, "use": "industrial", "status": "in_use", "occupant": firm_name, "owner": firm_name,
            "name": firm_name[2:-4] + "厂区", **extra}


def plot(area, use, status, name, owner="", occupant=None, **extra) -> dict:
    return {"area": area, "use": use, "status": status, "occupant": occupant, "owner": owner, "name": name,
            **extra}


def main_plots(firm) -> list[dict]:
    """青岛科技创新园: 孔雀河片区, the 创新园核心区, 恒山路片区 and 马山片区, in that order."""
    def occ(i, area=None, **extra):
        return occupied(firm[i]["name"], area or firm[i]["land_area_mu"], **extra)

    return [
        occ(0, name="恒荣新材料碳纤维复合材料基地", status="revitalised"),
        occ(30, name="皓杰智能装备产业园", status="revitalised"),
        occ(1, name="鹏琳新材料高性能玻纤项目", status="revitalised"),
        occ(31, name="银钻精密零部件智能制造基地", status="revitalised"),
        occ(60, area=33.2, name="榕贝卫衣生产基地", status="revitalised"),
        occ(60, area=36.0, name="榕贝服饰一期厂区"),
        occ(61), occ(25), occ(35), occ(17), occ(84),
        plot(18.0, "industrial", "revitalising", "原鲜力食品机械厂区",
             owner="青岛鲜力食品机械有限公司（已迁出）", infra=NO_GAS_HEAT),
        plot(12.0, "industrial", "idle", "原衬意服饰厂房", owner="青岛衬意服饰有限公司（已注销）",
             infra=NO_GAS_HEAT),
        plot(24.0, "industrial", "in_use", "孔雀河标准厂房（一期）", owner=PLATFORM,
             note="标准厂房，出租给中小企业"),
        plot(20.0, "research", "in_use", "中国科技产业化AI开放服务基地", owner=PLATFORM,
             note="青岛国科深蓝工业互联网科技有限公司运营的工业互联网平台和孵化空间"),
        plot(14.0, "research", "in_use", "科创孵化楼", owner=PLATFORM, note="众创空间、孵化器和科技服务机构"),
        plot(11.0, "commercial", "in_use", "园区综合服务中心", owner=PLATFORM),
        plot(9.0, "commercial", "in_use", "人才公寓", owner=PLATFORM),
        plot(6.0, "public", "in_use", "口袋公园", owner=PLATFORM, infra=BASIC),
        plot(4.0, "public", "in_use", "110kV变电站", owner="国网青岛供电公司", infra=BASIC),
        occ(38, area=25.3, name="健擎智能健身器材生产基地", status="revitalised"),
        occ(38, area=34.3, name="健擎智能健身器材一期厂区"),
        occ(24, status="low_efficiency"), occ(32), occ(3), occ(2), occ(15), occ(41), occ(43), occ(64),
        occ(86, status="low_efficiency"), occ(34), occ(6), occ(13),
        plot(45.0, "industrial", "in_use", "泓越体育产业园", owner="青岛泓越体育产业发展有限公司"),
        plot(26.0, "industrial", "revitalised", "增材智造3D打印生产基地（原宏达机械厂区）",
             owner=firm[56]["name"], occupant=firm[56]["name"], infra=NO_GAS_HEAT),
        plot(22.0, "industrial", "in_use", "恒山路标准厂房（二期）", owner=PLATFORM,
             note="标准厂房，出租给中小企业"),
        occ(47, status="revitalising"), occ(82), occ(58), occ(11), occ(85), occ(63), occ(5), occ(4),
        occ(62), occ(44), occ(74), occ(96), occ(49), occ(71),
        plot(25.0, "industrial", "reserve", "马山片区储备地块（康源药业二期拟用地）", owner=PLATFORM),
        plot(30.0, "warehouse", "in_use", "马山物流仓储中心", owner="青岛马山物流有限公司",
             infra=NO_GAS_HEAT),
    ]


FILLERS = [plot(0, "industrial", "reserve", "储备用地", owner=PLATFORM, infra=(*BASIC, "has_drainage")),
           plot(0, "industrial", "reserve", "储备用地", owner=PLATFORM, infra=NO_GAS_HEAT),
           plot(0, "public", "in_use", "防护绿地", owner=PLATFORM, infra=("has_road", "has_water"))]
FILLERS2 = [plot(0, "industrial", "reserve", "储备用地", owner=PLATFORM2, infra=NO_GAS_HEAT)]
PARK2_PLOTS = [
    occupied("青岛峪夼药业有限公司", 84.5), occupied("青岛沙港精密部件有限公司", 71.5),
    occupied("青岛海岳玻纤制品有限公司", 32.6),
    occupied("青岛棋盘印染有限公司", 26.8, status="low_efficiency"),
    occupied("青岛仰口精工有限公司", 17.1), occupied("青岛崂峰新材料科技有限公司", 13.6),
    plot(16.0, "research", "in_use", "数字经济产业大厦", owner=PLATFORM2),
    plot(12.0, "research", "in_use", "科创孵化楼", owner=PLATFORM2),
    plot(15.0, "industrial", "idle", "原太清食品机械厂区", owner="青岛太清食品机械有限公司（已迁出）",
         infra=NO_GAS_HEAT),
]


# layout in metres


def block_origins(rows: int, cols: int, width: float) -> list[tuple[float, float]]:
    """South-west corners of the blocks, row by row from the north, the grid centred on (0, 0)."""
    out = []
    for r in range(rows):
        for c in range(cols):
            out.append((c * (width + ROAD) - (cols * (width + ROAD) - ROAD) / 2,
                        (rows * (BLOCK_DEPTH + ROAD) - ROAD) / 2 - r * (BLOCK_DEPTH + ROAD) - BLOCK_DEPTH))
    return out


class Packer:
    """Places plots as strips in the blocks' two lanes; `placed` holds (block, rect, item or None)."""

    def __init__(self, blocks: int, width: float):
        self.blocks, self.width, self.half = blocks, width, BLOCK_DEPTH / 2
        self.placed, self.block, self.used = [], 0, [0.0, 0.0]

    def pack(self, items) -> list:
        remaining = list(items)
        while remaining:
            fitted = {id(item) for item in remaining if self._place(item)}
            remaining = [item for item in remaining if id(item) not in fitted]
            if remaining and not fitted:
                self._close()
                self.block, self.used = self.block + 1, [0.0, 0.0]
                if self.block >= self.blocks:
                    raise ValueError(f"out of blocks with {len(remaining)} plots left")
        self._close()
        for block in range(self.block + 1, self.blocks):
            self.placed.append((block, [0, 0, self.width, BLOCK_DEPTH], None))
        return self.placed

    def _lane(self, lane: int, x1: float, x2: float, item=None):
        y = self.half if lane == 0 else 0
        self.placed.append((self.block, [x1, y, x2, y + self.half], item))

    def _place(self, item) -> bool:
        if item["area"] >= FULL_DEPTH_MU:
            x, w = max(self.used), item["area"] * MU / BLOCK_DEPTH
            if x + w > self.width:
                return False
            for lane in (0, 1):  # a gap left in the shorter lane becomes a plot of its own
                if x - self.used[lane] >= MIN_LEFTOVER:
                    self._lane(lane, self.used[lane], x)
            self.placed.append((self.block, [x, 0, x + w, BLOCK_DEPTH], item))
            self.used = [x + w, x + w]
            return True
        w = item["area"] * MU / self.half
        for lane in sorted((0, 1), key=lambda lane: self.used[lane]):
            if self.used[lane] + w <= self.width:
                self._lane(lane, self.used[lane], self.used[lane] + w, item)
                self.used[lane] += w
                return True
        return False

    def _close(self):
        """The block's leftovers: one strip across both lanes at the east end, else per lane."""
        end = max(self.used)
        if self.width - end >= MIN_LEFTOVER:
            self.placed.append((self.block, [end, 0, self.width, BLOCK_DEPTH], None))
            ends = [end, end]
        else:
            ends = [self.width, self.width]
        for lane in (0, 1):
            if ends[lane] - self.used[lane] >= MIN_LEFTOVER:
                self._lane(lane, self.used[lane], ends[lane])


def with_junctions(rect, rects) -> list[tuple[float, float]]:
    """The rectangle's closed ring with every neighbour's corner that lies on its edges."""
    x1, y1, x2, y2 = rect
    points = {(x, y) for r in rects for x in (r[0], r[2]) for y in (r[1], r[3])}
    ring = []
    for (ax, ay), (bx, by) in [((x1, y1), (x2, y1)), ((x2, y1), (x2, y2)), ((x2, y2), (x1, y2)),
                               ((x1, y2), (x1, y1))]:
        ring.append((ax, ay))
        ring.extend(_on_edge(points, (ax, ay), (bx, by)))
    return [*ring, (x1, y1)]


def _on_edge(points, a, b, eps=1e-6):
    (ax, ay), (bx, by) = a, b
    found = []
    for px, py in points:
        if ay == by and abs(py - ay) < eps and min(ax, bx) + eps < px < max(ax, bx) - eps:
            found.append((abs(px - ax), (px, ay)))
        if ax == bx and abs(px - ax) < eps and min(ay, by) + eps < py < max(ay, by) - eps:
            found.append((abs(py - ay), (ax, py)))
    return [p for _d, p in sorted(found)]


# lon/lat


def to_lonlat(x, y, lon0, lat0, theta) -> list[float]:
    c, s = math.cos(theta), math.sin(theta)
    xr, yr = x * c - y * s, x * s + y * c
    lat = lat0 + math.degrees(yr / R)
    lon = lon0 + math.degrees(xr / (R * math.cos(math.radians(lat0))))
    return [round(lon, 7), round(lat, 7)]


def area_mu(ring) -> float:
    """亩 of a lon/lat ring on the local projection around its mean latitude."""
    lat0 = sum(p[1] for p in ring[:-1]) / (len(ring) - 1)
    k = R * math.cos(math.radians(lat0))
    pts = [(math.radians(lon) * k, math.radians(lat) * R) for lon, lat in ring]
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(pts, pts[1:], strict=False))) / 2 / MU


def features(placed, origins, prefix, centre, theta, fillers) -> list[dict]:
    """GeoJSON features numbered <prefix>-<block letter>-<nn> in the order they were placed."""
    out, counters, filled = [], Counter(), 0
    for block, rect, item in placed:
        letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[block]
        counters[letter] += 1
        ox, oy = origins[block]
        corners = with_junctions(rect, [r for b, r, _i in placed if b == block])
        ring = [to_lonlat(ox + x, oy + y, *centre, theta) for x, y in corners]
        if item is None:
            item, filled = fillers[filled % len(fillers)], filled + 1
            if item["use"] == "public" and area_mu(ring) > 40:  # a big leftover is land in reserve
                item = fillers[0]
        out.append({"type": "Feature", "properties": _properties(f"{prefix}-{letter}-{counters[letter]:02d}",
                                                                 item, ring),
                    "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return out


def _properties(code, item, ring) -> dict:
    low, high, height, price = LIMITS[item["use"]]
    props = {"code": code, "name": item["name"], "area_mu": round(area_mu(ring), 2), "use": item["use"],
             "status": item["status"], "occupant": item.get("occupant") or "", "owner_name": item["owner"],
             **{key: key in item.get("infra", ALL) for key in ALL},
             "plot_ratio_min": low, "plot_ratio_max": high, "height_limit_m": height, "price_per_mu": price}
    if item.get("note"):
        props["note"] = item["note"]
    return props


def draw(items, *, rows, cols, width, prefix, centre, degrees, fillers) -> list[dict]:
    origins = block_origins(rows, cols, width)
    placed = Packer(len(origins), width).pack(items)
    return features(placed, origins, prefix, centre, math.radians(degrees), fillers)


def write(path: Path, name: str, feats: list[dict]):
    """One feature a line, so a change to a plot is a one-line diff."""
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in feats)
    path.write_text('{"type":"FeatureCollection","name":' + json.dumps(name, ensure_ascii=False)
                    + ',"features":[\n' + lines + "\n]}\n", encoding="utf-8")


def main():
    park2 = draw(PARK2_PLOTS, rows=2, cols=2, width=300.0, prefix="LS", centre=(120.4680, 36.1180),
                 degrees=-5, fillers=FILLERS2)
    write(DATA / "park2_map.geojson", "青岛崂山数字经济产业园（示例地图，虚构）", park2)
    park = draw(main_plots(firms()), rows=4, cols=3, width=440.0, prefix="JM", centre=(120.4500, 36.3900),
                degrees=8, fillers=FILLERS)
    write(DATA / "park_map.geojson", "青岛科技创新园（示例地图，虚构）", park)
    for feats in (park, park2):
        print(len(feats), "plots,", round(sum(f["properties"]["area_mu"] for f in feats), 1), "亩",
              dict(Counter(f["properties"]["status"] for f in feats)))


if __name__ == "__main__":
    main()
