"""Demo demands: ~45 demands over 2026 in the six categories, at every stage of handling."""

import random
from datetime import timedelta

from django.db.models import F

from yuanqu.calendar import holidays
from yuanqu.demands import services
from yuanqu.demands.models import Category, Demand, DemandEvent, ReplyTemplate
from yuanqu.demands.taxonomy import install_default_taxonomy
from yuanqu.demands.workflow import Action
from yuanqu.enterprises.models import Enterprise

TEMPLATES = [
    (None, "已受理告知", "您好，您反映的问题已收到，我们已转交相关部门办理，将在规定时限内答复，"
     "感谢您对园区工作的支持。"),
    ("policy", "政策解答", "您好，经核实，贵企业符合相关政策申报条件。请于申报期内登录政务服务网提交材料，"
     "如有疑问可联系经济发展部。"),
    ("infrastructure", "设施维修", "您好，经现场查看，已协调相关单位完成维修，请确认使用情况。"),
]
# Vague or mixed requests the classifier is unsure of: they wait in the triage queue.
UNCLEAR = ["想请园区帮忙协调一下我们公司的事情，具体情况电话里说。",
           "隔壁企业的货车天天堵在我们门口装卸，还总是半夜作业，员工休息不好，厂区也进不去车。",
           "我们公司明年想扩大规模，有哪些方面园区能给支持？"]
# The same problem raised by several firms: the 类案 view groups them.
RECURRING = ["恒山路与孔雀河三路路口的路灯坏了好几天，晚上下班员工骑车很不安全，请尽快维修路灯。",
             "恒山路孔雀河三路路口路灯不亮已经一周了，晚上路口很黑，员工下班不安全，麻烦修一下路灯。",
             "孔雀河三路恒山路路口晚上路灯全灭，员工夜班下班路上太黑，请安排维修路灯。",
             "马山东路公交站离厂区太远，员工上下班不方便，希望增设公交站点或开通班车。",
             "希望在马山东路增设公交站点，员工上下班要走二十分钟，能否开通园区班车。",
             "马山东路附近没有公交站，员工通勤困难，建议增设公交站点。"]
STAGES = ["closed", "closed", "rated", "resolved", "in_progress", "accepted", "pending", "reopened"]


def calendar():
    """The bundled official holidays (the migration loads them too; this keeps --reset complete)."""
    holidays.load(holidays.read())


def _corpus_rows(rng, per_category=8):
    from yuanqu.demands.classifier import seed_corpus

    rows = seed_corpus()
    rng.shuffle(rows)
    by_cat = {}
    for row in rows:
        by_cat.setdefault(row["category"], []).append(row)
    return [r for cat in sorted(by_cat) for r in by_cat[cat][:per_category]]


def _title(text):
    return text.split("，")[0].split("。")[0][:28]


DEMO_REPLY = "经协调，问题已解决。如仍有困难请随时联系网格员。"


def _advance(demand, stage, users):
    handler = demand.handler or users["admin"]
    steps = {"accepted": [Action.ACCEPT], "in_progress": [Action.ACCEPT, Action.START],
             "resolved": [Action.ACCEPT, Action.START, Action.RESOLVE]}
    steps.update({"rated": steps["resolved"], "closed": steps["resolved"], "reopened": steps["resolved"]})
    for action in steps.get(stage, []):
        extra = {"reply": DEMO_REPLY} if action == Action.RESOLVE else {}
        services.transition(demand, action, actor=handler, **extra)
    # The demo has one firm login; ratings of other firms' demands are recorded by the park office
    # (as after a phone follow-up).
    rater = users["firm_user"] if demand.submitted_by == users["firm_user"] else users["admin"]
    if stage in ("rated", "closed"):
        services.rate(demand, "satisfied" if demand.pk % 3 else "basic", actor=rater)
    if stage == "reopened":
        services.rate(demand, "unsatisfied", actor=rater, comment="问题仍未解决，请再协调")
    if stage == "closed":
        services.transition(demand, Action.CLOSE, actor=users["admin"])


def _backdate(demand, days, handling_days):
    """Spread the demo over the year: submission `days` ago, handled over `handling_days`."""
    filed, handled = timedelta(days=days), timedelta(days=max(days - handling_days, 0))
    early = ["created_at", "routed_at", "accepted_at", "deadline_at", "warn_at"]
    late = ["resolved_at", "rated_at", "closed_at"]
    Demand.objects.filter(pk=demand.pk).update(**{s: F(s) - filed for s in early},
                                               **{s: F(s) - handled for s in late})
    events = DemandEvent.objects.filter(demand=demand)
    events.filter(action__in=["submit", "route", "accept"]).update(created_at=F("created_at") - filed)
    events.exclude(action__in=["submit", "route", "accept"]).update(created_at=F("created_at") - handled)


def build_demands(park, users, *, per_category=8, seed=2026, recurring=RECURRING, unclear=UNCLEAR):
    """File demo demands through the real services (classifier, routing, workflow)."""
    if Demand.objects.filter(park=park).exists():
        return
    install_default_taxonomy(park)
    calendar()
    for code, title, body in TEMPLATES:
        ReplyTemplate.objects.get_or_create(park=park, title=title, defaults={
            "body": body, "category": Category.objects.filter(park=park, code=code).first()})
    firms = list(Enterprise.objects.filter(park=park, status="active").order_by("pk"))
    _file_history(firms, users, random.Random(seed), per_category)
    for i, text in enumerate(recurring):
        _file(firms[(i * 7 + 3) % len(firms)], users["staff"], text)
    for text in unclear:
        _file(firms[0], users["firm_user"], text)


def _file(firm, actor, text, urgency="normal"):
    channel = services.channel_for(actor)
    return services.submit(enterprise=firm, actor=actor, channel=channel,
                           data={"title": _title(text), "text": text, "urgency": urgency})


def _file_history(firms, users, rng, per_category):
    """Seed-corpus demands (eight per category) over the past year, at every stage of handling."""
    for i, row in enumerate(_corpus_rows(rng, per_category)):
        firm = firms[0] if i % 6 == 0 else firms[rng.randrange(len(firms))]
        demand = _file(firm, users["firm_user"] if firm == firms[0] else users["staff"], row["text"],
                       row["urgency"])
        if not demand.needs_triage:
            _advance(demand, STAGES[i % len(STAGES)], users)
        _backdate(demand, 320 - i * 6, handling_days=(i * 7) % 19 + 1)
