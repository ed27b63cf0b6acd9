"""Enterprise size classification (大/中/小/微型企业划型).

Source: 《中小企业划型标准规定》（工信部联企业〔2011〕300号）, hereafter "规定".

* 第三条 lists the sixteen sectors, 第四条（一）–（十六） gives each sector's
  thresholds (the wording is copied into ``SECTOR_RULES`` below).
* 中型/小型 require every listed indicator to reach its floor ("且" /
  "同时满足"); 微型 only needs one indicator below the small floor ("或").
  A firm that misses one floor therefore drops a class ("否则下划一档").
* 第七条: the 中型 upper bound is the 大型 lower bound, so a firm is 大型 only
  when *every* indicator is at or above the 中型 upper bound (the 中小微 clause
  is "…以下或…以下", i.e. one indicator below it keeps the firm 中小微).
* "及以上" includes the number, "以下" excludes it, so every threshold below is
  an inclusive floor (``value >= floor``).

All money amounts are in 万元 (营业收入, 资产总额); 从业人员 in persons.

Industry mapping (GB/T 4754-2017 → 规定 sectors)
------------------------------------------------
The 规定 was written against GB/T 4754-2011. 国家统计局《统计上大中小微型企业
划分办法》 (2011 notes; 2017 edition rebased on GB/T 4754-2017) spells out the
combined sectors, and the 2017 divisions are mapped accordingly:

* 农林牧渔业 = 门类 A (01–05); 工业 = 门类 B, C, D (06–46, "包括采矿业，制造业，
  电力、热力、燃气及水生产和供应业"); 建筑业 = 门类 E (47–50).
* 批发业 = 51; 零售业 = 52.
* 交通运输业 = 54–58 plus 5910 装卸搬运. 53 铁路运输业 is excluded ("不含铁路
  运输业") and falls to 其他未列明. In GB/T 4754-2011 装卸搬运 sat in 58 (装卸
  搬运和运输代理业, part of 交通运输业); 2017 moved it to 5910 inside 59 装卸搬运
  和仓储业, so 5910 is pulled back to 交通运输业 and the rest of 59 is 仓储业
  (which is why the 2017 统计 table marks 仓储业 as a 组合类别 "*").
* 邮政业 = 60; 住宿业 = 61; 餐饮业 = 62.
* 信息传输业 = 63, 64 ("包括电信、广播电视和卫星传输服务，互联网和相关服务");
  软件和信息技术服务业 = 65.
* 房地产开发经营 = 7010; 物业管理 = 7020. 7030 中介 and 7090 其他房地产业 are
  其他未列明 per the 统计 notes; those notes leave out 自有房地产经营活动 (2017:
  7040 房地产租赁经营) altogether, so it is sized as 其他未列明 by 第六条's fallback.
* 租赁和商务服务业 = 门类 L (71, 72).
* Everything else (M, N, O, P, Q, R, 金融 J, 公共管理 S …) is 其他未列明行业;
  第六条 says industries outside the list are sized "参照本规定".
* A bare 门类 letter only resolves when the whole 门类 maps to one sector
  (A, B, C, D, E, L). F/G/H/I/K span several sectors, so a letter alone falls
  back to 其他未列明 — callers should store the 2- or 4-digit code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

Number = int | float | Decimal


class SizeClass(StrEnum):
    # StrEnum (a str subclass) rather than (str, Enum) so str()/format() give
    # "large", not "SizeClass.LARGE", when stored or rendered.
    LARGE = "large"
    MEDIUM = "medium"
    SMALL = "small"
    MICRO = "micro"


@dataclass(frozen=True)
class Floor:
    """Inclusive lower bounds of one indicator for 大型 / 中型 / 小型."""

    metric: str  # "employees" | "revenue" | "total_assets"
    large: int
    medium: int
    small: int


@dataclass(frozen=True)
class SectorRule:
    name: str  # sector name as written in the 规定
    article: str  # where the thresholds are stated
    wording: str  # the 规定's own text, kept for audit / display
    floors: tuple[Floor, ...]


def _rule(name: str, item: str, wording: str, *floors: tuple[str, int, int, int]) -> SectorRule:
    return SectorRule(name, f"第四条（{item}）", wording, tuple(Floor(*f) for f in floors))


EMP, REV, ASSETS = "employees", "revenue", "total_assets"

# Floors are (metric, 大型 floor = 中小微 upper bound, 中型 floor, 小型 floor).
SECTOR_RULES: dict[str, SectorRule] = {
    # 规定 第四条（一）: single indicator, revenue only.
    "agriculture": _rule(
        "农、林、牧、渔业",
        "一",
        "营业收入20000万元以下的为中小微型企业。其中，营业收入500万元及以上的为中型企业，"
        "营业收入50万元及以上的为小型企业，营业收入50万元以下的为微型企业。",
        (REV, 20000, 500, 50),
    ),
    # 规定 第四条（二）
    "industry": _rule(
        "工业",
        "二",
        "从业人员1000人以下或营业收入40000万元以下的为中小微型企业。其中，从业人员300人及以上，"
        "且营业收入2000万元及以上的为中型企业；从业人员20人及以上，且营业收入300万元及以上的为"
        "小型企业；从业人员20人以下或营业收入300万元以下的为微型企业。",
        (EMP, 1000, 300, 20),
        (REV, 40000, 2000, 300),
    ),
    # 规定 第四条（三）: revenue + total assets, no headcount.
    "construction": _rule(
        "建筑业",
        "三",
        "营业收入80000万元以下或资产总额80000万元以下的为中小微型企业。其中，营业收入6000万元"
        "及以上，且资产总额5000万元及以上的为中型企业；营业收入300万元及以上，且资产总额300万元"
        "及以上的为小型企业；营业收入300万元以下或资产总额300万元以下的为微型企业。",
        (REV, 80000, 6000, 300),
        (ASSETS, 80000, 5000, 300),
    ),
    # 规定 第四条（四）
    "wholesale": _rule(
        "批发业",
        "四",
        "从业人员200人以下或营业收入40000万元以下的为中小微型企业。其中，从业人员20人及以上，"
        "且营业收入5000万元及以上的为中型企业；从业人员5人及以上，且营业收入1000万元及以上的为"
        "小型企业；从业人员5人以下或营业收入1000万元以下的为微型企业。",
        (EMP, 200, 20, 5),
        (REV, 40000, 5000, 1000),
    ),
    # 规定 第四条（五）
    "retail": _rule(
        "零售业",
        "五",
        "从业人员300人以下或营业收入20000万元以下的为中小微型企业。其中，从业人员50人及以上，"
        "且营业收入500万元及以上的为中型企业；从业人员10人及以上，且营业收入100万元及以上的为"
        "小型企业；从业人员10人以下或营业收入100万元以下的为微型企业。",
        (EMP, 300, 50, 10),
        (REV, 20000, 500, 100),
    ),
    # 规定 第四条（六）
    "transport": _rule(
        "交通运输业",
        "六",
        "从业人员1000人以下或营业收入30000万元以下的为中小微型企业。其中，从业人员300人及以上，"
        "且营业收入3000万元及以上的为中型企业；从业人员20人及以上，且营业收入200万元及以上的为"
        "小型企业；从业人员20人以下或营业收入200万元以下的为微型企业。",
        (EMP, 1000, 300, 20),
        (REV, 30000, 3000, 200),
    ),
    # 规定 第四条（七）
    "warehousing": _rule(
        "仓储业",
        "七",
        "从业人员200人以下或营业收入30000万元以下的为中小微型企业。其中，从业人员100人及以上，"
        "且营业收入1000万元及以上的为中型企业；从业人员20人及以上，且营业收入100万元及以上的为"
        "小型企业；从业人员20人以下或营业收入100万元以下的为微型企业。",
        (EMP, 200, 100, 20),
        (REV, 30000, 1000, 100),
    ),
    # 规定 第四条（八）
    "postal": _rule(
        "邮政业",
        "八",
        "从业人员1000人以下或营业收入30000万元以下的为中小微型企业。其中，从业人员300人及以上，"
        "且营业收入2000万元及以上的为中型企业；从业人员20人及以上，且营业收入100万元及以上的为"
        "小型企业；从业人员20人以下或营业收入100万元以下的为微型企业。",
        (EMP, 1000, 300, 20),
        (REV, 30000, 2000, 100),
    ),
    # 规定 第四条（九）
    "accommodation": _rule(
        "住宿业",
        "九",
        "从业人员300人以下或营业收入10000万元以下的为中小微型企业。其中，从业人员100人及以上，"
        "且营业收入2000万元及以上的为中型企业；从业人员10人及以上，且营业收入100万元及以上的为"
        "小型企业；从业人员10人以下或营业收入100万元以下的为微型企业。",
        (EMP, 300, 100, 10),
        (REV, 10000, 2000, 100),
    ),
    # 规定 第四条（十）: same numbers as 住宿业, kept separate because the 规定 lists it separately.
    "catering": _rule(
        "餐饮业",
        "十",
        "从业人员300人以下或营业收入10000万元以下的为中小微型企业。其中，从业人员100人及以上，"
        "且营业收入2000万元及以上的为中型企业；从业人员10人及以上，且营业收入100万元及以上的为"
        "小型企业；从业人员10人以下或营业收入100万元以下的为微型企业。",
        (EMP, 300, 100, 10),
        (REV, 10000, 2000, 100),
    ),
    # 规定 第四条（十一）
    "info_transmission": _rule(
        "信息传输业",
        "十一",
        "从业人员2000人以下或营业收入100000万元以下的为中小微型企业。其中，从业人员100人及以上，"
        "且营业收入1000万元及以上的为中型企业；从业人员10人及以上，且营业收入100万元及以上的为"
        "小型企业；从业人员10人以下或营业收入100万元以下的为微型企业。",
        (EMP, 2000, 100, 10),
        (REV, 100000, 1000, 100),
    ),
    # 规定 第四条（十二）
    "software": _rule(
        "软件和信息技术服务业",
        "十二",
        "从业人员300人以下或营业收入10000万元以下的为中小微型企业。其中，从业人员100人及以上，"
        "且营业收入1000万元及以上的为中型企业；从业人员10人及以上，且营业收入50万元及以上的为"
        "小型企业；从业人员10人以下或营业收入50万元以下的为微型企业。",
        (EMP, 300, 100, 10),
        (REV, 10000, 1000, 50),
    ),
    # 规定 第四条（十三）: revenue + total assets, no headcount.
    "real_estate_development": _rule(
        "房地产开发经营",
        "十三",
        "营业收入200000万元以下或资产总额10000万元以下的为中小微型企业。其中，营业收入1000万元"
        "及以上，且资产总额5000万元及以上的为中型企业；营业收入100万元及以上，且资产总额2000万元"
        "及以上的为小型企业；营业收入100万元以下或资产总额2000万元以下的为微型企业。",
        (REV, 200000, 1000, 100),
        (ASSETS, 10000, 5000, 2000),
    ),
    # 规定 第四条（十四）
    "property_management": _rule(
        "物业管理",
        "十四",
        "从业人员1000人以下或营业收入5000万元以下的为中小微型企业。其中，从业人员300人及以上，"
        "且营业收入1000万元及以上的为中型企业；从业人员100人及以上，且营业收入500万元及以上的为"
        "小型企业；从业人员100人以下或营业收入500万元以下的为微型企业。",
        (EMP, 1000, 300, 100),
        (REV, 5000, 1000, 500),
    ),
    # 规定 第四条（十五）: headcount + total assets (not revenue).
    "leasing_business": _rule(
        "租赁和商务服务业",
        "十五",
        "从业人员300人以下或资产总额120000万元以下的为中小微型企业。其中，从业人员100人及以上，"
        "且资产总额8000万元及以上的为中型企业；从业人员10人及以上，且资产总额100万元及以上的为"
        "小型企业；从业人员10人以下或资产总额100万元以下的为微型企业。",
        (EMP, 300, 100, 10),
        (ASSETS, 120000, 8000, 100),
    ),
    # 规定 第四条（十六）: single indicator, headcount only.
    "other": _rule(
        "其他未列明行业",
        "十六",
        "从业人员300人以下的为中小微型企业。其中，从业人员100人及以上的为中型企业；从业人员10人"
        "及以上的为小型企业；从业人员10人以下的为微型企业。",
        (EMP, 300, 100, 10),
    ),
}

# 门类 letters that map to a single sector; the others are ambiguous (see module doc).
_SECTION_SECTORS = {
    "A": "agriculture",
    "B": "industry",
    "C": "industry",
    "D": "industry",
    "E": "construction",
    "L": "leasing_business",
}


# GB/T 4754-2017 大类 ranges (first, last inclusive) → sector key. 大类 not listed
# here (53 铁路, 66–69 金融, 70 房地产业 apart from 7010/7020, 73+) are 其他未列明.
_DIVISION_SPANS = (
    (1, 5, "agriculture"),  # 门类 A
    (6, 46, "industry"),  # 门类 B, C, D
    (47, 50, "construction"),  # 门类 E
    (51, 51, "wholesale"),
    (52, 52, "retail"),
    (54, 58, "transport"),  # 53 铁路运输业 excluded: "不含铁路运输业"
    (59, 59, "warehousing"),  # except 5910, see _GROUP_SECTORS
    (60, 60, "postal"),
    (61, 61, "accommodation"),
    (62, 62, "catering"),
    (63, 64, "info_transmission"),
    (65, 65, "software"),
    (71, 72, "leasing_business"),  # 门类 L
)
_DIVISION_SECTORS = {
    f"{n:02d}": key for first, last, key in _DIVISION_SPANS for n in range(first, last + 1)
}

# 中类 (3-digit) overrides; each of these 中类 holds exactly one 小类 (5910, 7010, 7020).
_GROUP_SECTORS = {
    "591": "transport",  # 装卸搬运: 交通运输业 under GB/T 4754-2011, see module doc
    "701": "real_estate_development",
    "702": "property_management",
}


def sector_for_industry(code: str) -> str:
    """Map a GB/T 4754-2017 code ("3062", "30", "C", "C3062") to a sector key."""
    text = (code or "").strip().upper()
    digits = text[1:] if text[:1].isalpha() else text
    if not digits:
        return _SECTION_SECTORS.get(text, "other")
    if not digits.isdigit() or len(digits) < 2:
        return "other"  # unparseable: 第六条 sizes unlisted industries "参照本规定"
    return _GROUP_SECTORS.get(digits[:3]) or _DIVISION_SECTORS.get(digits[:2], "other")


def _is_missing(value: Number | None) -> bool:
    # NaN shows up when figures come from spreadsheets; treat it like a blank cell.
    if value is None:
        return True
    if isinstance(value, Decimal):
        return value.is_nan()  # Decimal NaN would raise on comparison
    return isinstance(value, float) and math.isnan(value)


def _meets(values: dict[str, Number], floors: tuple[Floor, ...], level: str) -> bool:
    # "且": every indicator must reach the floor of this class. ``level`` is a
    # SizeClass value, which doubles as the Floor field name.
    return all(values[f.metric] >= getattr(f, level) for f in floors)


def classify_size(
    industry_code: str,
    employees: int | None,
    revenue: Number | None,
    total_assets: Number | None = None,
) -> SizeClass | None:
    """Size class per 规定 第四条, or None when a needed figure is missing."""
    if not (industry_code or "").strip():
        return None
    rule = SECTOR_RULES[sector_for_industry(industry_code)]
    values = {EMP: employees, REV: revenue, ASSETS: total_assets}
    if any(_is_missing(values[f.metric]) for f in rule.floors):
        return None
    for size in (SizeClass.LARGE, SizeClass.MEDIUM, SizeClass.SMALL):
        if _meets(values, rule.floors, size.value):
            return size
    return SizeClass.MICRO  # "或": failing any 小型 floor is enough


def size_from_years(industry_code: str, years) -> SizeClass | None:
    """The size class of the newest year that has the figures the sector needs.

    `years`: (employees, revenue, total_assets) per year, newest first. A year entered with
    revenue only must not erase a size the previous complete year gives."""
    for employees, revenue, total_assets in years:
        size = classify_size(industry_code, employees, revenue, total_assets)
        if size is not None:
            return size
    return None
