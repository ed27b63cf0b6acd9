"""The second demo park, smaller and in another district (崂山区), so cross-park views are real.

Its 24 firms are derived deterministically from every fifth firm of data/firms.json: the figures
are kept, the brand, address, zone and grid are the new park's.
"""

from yuanqu.accounts.models import Institution, Role

from .builders import ParkSpec, firms

PARK = {"code": "qdlsszjj", "name": "青岛崂山数字经济产业园", "region_code": "370212"}
GRIDS = [("三网格", "株洲路沿线及产业园孵化楼企业"), ("四网格", "松岭路沿线及标准厂房企业")]
ZONES = ["株洲路片区", "松岭路片区"]
ROADS = ["株洲路", "松岭路", "科苑纬一路", "秦岭路"]
BRANDS = ["海岳", "崂峰", "石老", "仰口", "华楼", "北宅", "沙港", "王哥", "松岭", "九水", "太清", "明霞",
          "棋盘", "流清", "晓望", "返岭", "峪夼", "青山", "黄山", "雕龙", "港东", "王戈", "麦岛", "浮山"]
LOGINS = [
    ("admin2", "数字经济产业园管理员", Role.PARK_ADMIN, {}),
    ("staff2", "经发部 陈涛", Role.DEPT_STAFF, {"department": "经济发展部"}),
    ("grid3", "网格员 孙丽", Role.GRID_WORKER, {"grid": "三网格"}),
    ("grid4", "网格员 周杰", Role.GRID_WORKER, {"grid": "四网格"}),
    ("firm2", "海岳玻纤 王经理", Role.ENTERPRISE, {}),
    ("institution2", "崂山科技金融 李顾问", Role.INSTITUTION, {}),
]
INSTITUTIONS = [("崂山区科技金融服务中心", Institution.Kind.FINANCE),
                ("青岛海岳知识产权代理有限公司", Institution.Kind.TECH)]


def firms2() -> list[dict]:
    """24 firms: every fifth of the main park's, rebranded and moved to this park."""
    out = []
    for i, firm in enumerate(firms()[2::5]):
        out.append({**firm, "name": "青岛" + BRANDS[i] + firm["name"][4:], "grid": GRIDS[i % 2][0],
                    "zone": ZONES[i % 2], "address": f"青岛市崂山区{ROADS[i % 4]}{(i * 37) % 300 + 1}号"})
    return out


PARK2 = ParkSpec(park=PARK, grids=GRIDS, logins=LOGINS, institutions=INSTITUTIONS, firms=firms2,
                 people={"admin": "admin2", "staff": "staff2", "firm_user": "firm2"}, credit_prefix="MA3D",
                 demands={"per_category": 3, "seed": 2027, "recurring": [], "unclear": []})
