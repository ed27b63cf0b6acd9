"""Demo assessment data: each firm's facts beyond its annual indicators (2025), the recognitions of the
report year, and a few cultivation plans.

The 2021 annual report's figures, moved to the demo's last complete year (2025): 8 firms recognised
as 专精特新, one 山东省瞪羚, 规上 firms from 42 to 44. They are built from records — Recognition rows
recorded through the cultivation service, which also dates the registry's qualifications — so the
yearly figures page reproduces them. Facts are derived from each firm's own figures and titles with a
seeded random generator: deterministic, and plausible enough that every tier has eligible firms and
close ones; a few are left unknown, so the pool's "missing data" filter has something to show.
"""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from yuanqu.enterprises.models import Enterprise, Qualification

from .builders import MAIN, firms

FACT_YEAR = 2025
SPECIALIZED = ("青岛恒荣新材料有限公司", "青岛海韵生物纤维有限公司", "青岛皓杰智能科技有限公司",
               "青岛银钻科技制造有限公司", "青岛精传传动机械有限公司", "青岛感知微电子有限公司",
               "青岛绿纤非织造布有限公司", "青岛海沐生物科技有限公司")
GAZELLE = "青岛皓杰智能科技有限公司"
NEW_ABOVE_SCALE = ("青岛柔巾毛巾有限公司", "青岛华镀表面处理有限公司")  # 入库 in 2025 on their 2024 revenue
# Fictional document numbers, shaped like the real ones.
RECOGNITIONS = [  # (firms, tier, recognised on, document number, note)
    (SPECIALIZED, "specialized_sme", date(2025, 11, 28), "青工信字〔2025〕58号", ""),
    ((GAZELLE,), "gazelle", date(2025, 10, 15), "鲁工信发〔2025〕7号", ""),
    (NEW_ABOVE_SCALE, "above_scale", date(2025, 3, 20), "",
     "2024年主营业务收入超过2000万元，纳入规模以上工业企业统计"),
]
MANUFACTURING = {"新材料", "智能制造", "纺织服装", "大健康"}
PRIORITY = {"新材料", "智能制造", "大健康"}  # Shandong's strategic industries, SEI-2018 fields


def _dec(value: float, places: int) -> Decimal:
    return Decimal(str(round(value, places)))


def _rng(index: int) -> random.Random:
    return random.Random(10_000 + index)


def _ip_facts(firm, rng) -> dict:
    patents = firm["invention_patents"]
    return {"high_value_class1_ip": patents // 5,
            "self_developed_class1_ip": max(patents - rng.randint(0, 2), 0)}


def _quality_facts(firm, rng, top: bool) -> dict:
    factory = firm["sector"] in MANUFACTURING
    return {"quality_award": top and rng.random() < 0.6,
            "quality_system_cert": firm["above_scale"] or (factory and rng.random() < 0.6),
            "own_brand": top or rng.random() < 0.6,
            "standards_drafted": firm["invention_patents"] >= 8 or (top and rng.random() < 0.5)}


def _level(firm, top: bool) -> str:
    rd = firm["rd_ratio"]
    if top:
        return "provincial"
    if "high_tech" in firm["qualifications"] and rd >= 0.05:
        return "municipal"
    return "below" if rd >= 0.03 else "none"


def _field(firm, rng, top: bool) -> str:
    if top:
        return "key_link" if rng.random() < 0.5 else "six_foundations"
    if firm["sector"] in {"新材料", "智能制造"} and firm["rd_ratio"] >= 0.05:
        return "six_foundations"
    return "other"


def facts_for(firm: dict, index: int) -> dict:
    """The 2025 facts of one demo firm (data/firms.json's shape), by the facts API's names."""
    rng, top = _rng(index), "specialized" in firm["qualifications"]
    founded = int(firm["founded"][:4])
    rd = firm["rd_ratio"]
    digital = 3 if top or rd >= 0.06 else 2 if rd >= 0.03 or firm["above_scale"] else 1
    field = _field(firm, rng, top)
    revenue = firm["revenue"]
    facts = {
        **_ip_facts(firm, rng), **_quality_facts(firm, rng, top),
        "strategic_emerging": firm["sector"] in PRIORITY or (firm["sector"] == "文创新媒体"
                                                              and rng.random() < 0.5),
        "niche_years": max(FACT_YEAR - founded - rng.randint(0, 2), 0), "digital_level": digital,
        "rd_institution_level": _level(firm, top), "main_product_field": field,
        "national_market_share": _dec(rng.uniform(10, 14) if top else rng.uniform(0.2, 6), 1),
        "high_tech_enterprise": "high_tech" in firm["qualifications"],
        "sci_award": "provincial" if firm["name"] == GAZELLE else "none",
        "sci_award_rank": 2 if firm["name"] == GAZELLE else None,
        "innovation_honour": top and rng.random() < 0.3, "maker_china": "none",
        "net_profit": _dec(revenue * firm["profit_margin"] * 0.85, 2),
        "local_feature_score": _dec(rng.uniform(7, 13), 1),
        "core_it_system": digital >= 2, "intl_product_cert": firm["export_share"] >= 0.1,
        "priority_sector": field != "other", "national_market_rank": rng.randint(2, 12) if top else None,
        "development_score": _dec(rng.uniform(60, 82) if top else rng.uniform(38, 66), 1),
        "sd_priority_industry": firm["sector"] in PRIORITY, "listed": False,
        "standards_led": firm["invention_patents"] >= 10, "credit_score": _dec(rng.uniform(72, 92), 1),
    }
    if index % 9 == 4:  # not reported yet: the pool shows these as missing, never guessed
        facts.update(digital_level=None, local_feature_score=None, credit_score=None, development_score=None)
    return facts


def _record_facts(park, firm_dicts, actor):
    from yuanqu.assessments.services import record_facts
    from yuanqu.assessments.tiers import FACT_NAMES

    by_name = {e.name: e for e in Enterprise.objects.filter(park=park)}
    for index, firm in enumerate(firm_dicts, start=1):
        ent = by_name.get(firm["name"])
        if ent is not None:
            data = {k: v for k, v in facts_for(firm, index).items() if k in FACT_NAMES}
            record_facts(ent, FACT_YEAR, data, actor=actor)


def _recognise(park, actor):
    """The report year's recognitions; the titles they give start that day (earlier demo dates of the
    same titles are dropped, so the year-end figures read 规上 42 → 44)."""
    from yuanqu.assessments.cultivation import record_recognition
    from yuanqu.assessments.models import QUALIFICATION_OF

    by_name = {e.name: e for e in Enterprise.objects.filter(park=park)}
    above = Qualification.objects.filter(enterprise__park=park, kind="above_scale")
    above.filter(granted_on__gt=date(FACT_YEAR - 1, 12, 31)).update(granted_on=date(FACT_YEAR - 1, 1, 1))
    for names, tier, day, document, note in RECOGNITIONS:
        for name in names:
            ent = by_name[name]
            Qualification.objects.filter(enterprise=ent, kind=QUALIFICATION_OF[tier]).delete()
            record_recognition(enterprise=ent, tier=tier, year=day.year, recognised_on=day,
                               document_number=document, note=note, actor=actor)


# (firm, tier, officer key, target year, goal, [(action, due, status, done on)], [notes])
PLANS = [
    ("青岛恒荣新材料有限公司", "little_giant", "staff", 2027,
     "巩固细分市场地位，冲刺国家级专精特新“小巨人”。",
     [("建设省级企业技术中心", date(2026, 9, 30), "doing", None),
      ("新增Ⅰ类知识产权至10项", date(2026, 12, 31), "todo", None),
      ("完成两化融合管理体系贯标", date(2026, 6, 30), "done", date(2026, 6, 18))],
     ["已走访企业，确认主导产品碳纤维预浸料国内市场占有率约12%。"]),
    ("青岛鹏琳新材料科技有限公司", "specialized_sme", "grid1", 2026, "补齐细分市场年限与质量管理短板。",
     [("取得ISO9001质量管理体系认证", date(2026, 8, 31), "doing", None),
      ("参与制定改性塑料团体标准", date(2026, 10, 31), "todo", None)],
     ["企业已委托认证机构开展体系审核。"]),
    ("青岛粉冶精工有限公司", "specialized_sme", "staff", 2026, "研发投入与数字化水平达到认定要求。",
     [("开展数字化转型诊断", date(2026, 5, 31), "done", date(2026, 5, 20)),
      ("研发费用占比提高到6%以上", date(2026, 12, 31), "doing", None)], []),
    ("青岛蓝翼无人机科技有限公司", "innovative_sme", "grid1", 2026, "申报创新型中小企业。",
     [("整理近三年知识产权证明材料", date(2026, 7, 15), "todo", None)], []),
    ("青岛驰能电池科技有限公司", "gazelle", "grid2", 2027, "保持营收高速增长，申报山东省瞪羚企业。",
     [("委托第三方开展信用评级", date(2026, 9, 30), "todo", None),
      ("补充近两年审计报告", date(2026, 11, 30), "doing", None)], ["企业反映审计报告尚在出具中。"]),
    ("青岛国科深蓝工业互联网科技有限公司", "above_scale", "grid2", 2026,
     "2025年主营业务收入已超2000万元，申请纳入规上统计。",
     [("向区统计局提交入库申请", date(2026, 3, 31), "done", date(2026, 3, 25))], []),
]


def _officers(park, people):
    grids = {g.name: g.workers.order_by("id").first() for g in park.grids.all()}
    return {"staff": people["staff"], "grid1": grids.get("一网格"), "grid2": grids.get("二网格")}


def _plans(park, people):
    from yuanqu.assessments import cultivation

    officers, actor = _officers(park, people), people["staff"]
    by_name = {e.name: e for e in Enterprise.objects.filter(park=park)}
    for name, tier, officer, target, goal, actions, notes in PLANS:
        plan = cultivation.create_plan(enterprise=by_name[name], tier=tier, officer=officers[officer],
                                       target_year=target, goal=goal, actor=actor)
        for title, due, status, done_on in actions:
            action = cultivation.add_action(plan, title=title, due_on=due, actor=actor)
            if status != "todo":
                data = {"status": status, **({"done_on": done_on} if done_on else {})}
                cultivation.update_action(action, data, actor=actor)
        for text in notes:
            cultivation.add_note(plan, text=text, actor=officers[officer])
    _backdate(park)


def _backdate(park):
    """The plans were opened at the start of 2026 (the demo's story), not when the demo was loaded."""
    from yuanqu.assessments.models import CultivationPlan

    opened = timezone.make_aware(datetime(2026, 1, 12, 9, 30))
    for i, plan in enumerate(CultivationPlan.objects.filter(park=park).order_by("id")):
        CultivationPlan.objects.filter(pk=plan.pk).update(created_at=opened + timedelta(days=7 * i))


@transaction.atomic
def build_cultivation_demo():
    """Facts for both demo parks' firms; recognitions and plans in the main park (once)."""
    from yuanqu.accounts.models import Park, User
    from yuanqu.assessments.models import Recognition

    from .park2 import PARK2

    main = Park.objects.get(code=MAIN.park["code"])
    if Recognition.objects.filter(park=main).exists():
        return
    people = {key: User.objects.get(username=name) for key, name in MAIN.people.items()}
    _record_facts(main, firms(), people["admin"])
    park2 = Park.objects.get(code=PARK2.park["code"])
    _record_facts(park2, PARK2.firms(), User.objects.get(username=PARK2.people["admin"]))
    _recognise(main, people["admin"])
    _plans(main, people)
