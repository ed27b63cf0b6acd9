"""Demo key projects, written through the projects services (they check, audit and colour).

Each project of data/projects.json is created, given its task force, scheduled backwards from a
target with the built-in industrial template, and its milestones' actual dates are recorded in
order, so the stored plan, forecast and colours are the services' own. `timeline.place` decides
the dates from the seed day (see its notes). Monthly investments come with a month-end note each
month; the last working days have daily notes, a few with generated site photos.
"""

import io
import random
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from yuanqu.calendar.queries import work_calendar
from yuanqu.enterprises.models import Enterprise
from yuanqu.land.models import Plot
from yuanqu.projects import schedule, services
from yuanqu.projects.models import MilestoneTemplate, Project, TemplateStep

from .land_projects import in_last_year, last_year, park_admin
from .timeline import Timeline, place, stage_of

INDUSTRIAL_NAMES = {"签约", "公司注册", "土地摘牌", "规划许可", "施工许可", "开工", "主体封顶", "竣工验收",
                    "投产"}
HEALTH_PACE = {"green": Decimal("1.0"), "yellow": Decimal("0.9"), "red": Decimal("0.7")}
CENT = Decimal("0.01")


INDUSTRIAL_TEMPLATE_NAME = "工业项目（标准流程）"  # the name the projects migration gives it


def industrial_template() -> MilestoneTemplate:
    """The built-in industrial template (the one whose steps carry the issue's milestone names);
    put back from `schedule.INDUSTRIAL_TEMPLATE` when a flushed database lost it (the migration
    loads it too; this keeps the demo complete, as the holidays are)."""
    for template in MilestoneTemplate.objects.filter(park=None).prefetch_related("steps").order_by("id"):
        if {s.name for s in template.steps.all()} >= INDUSTRIAL_NAMES:
            return template
    template = MilestoneTemplate.objects.create(park=None, name=INDUSTRIAL_TEMPLATE_NAME)
    TemplateStep.objects.bulk_create([
        TemplateStep(template=template, order=i, key=s.key, name=s.name, duration_days=s.duration_days,
                     after=list(s.after)) for i, s in enumerate(schedule.INDUSTRIAL_TEMPLATE)])
    return template


def build_projects(park, data: dict, people: dict, today: date):
    """Create the park's demo projects unless it has projects already."""
    rows = data.get("projects", [])
    if not rows or Project.objects.filter(park=park).exists():
        return []
    template = industrial_template()
    steps = schedule.steps_of(template.steps.order_by("order", "id"))
    cal = work_calendar()
    admin = park_admin(people)
    projects = []
    for i, row in enumerate(rows):
        placement = place(steps, Timeline.from_dict(row["timeline"]), today, cal,
                          signed=in_last_year(today, row["signed"]))
        rng = random.Random(i)
        annual, amounts = investment_plan(row["total"], placement, today, rng)
        project = _create(park, row, stage_of(placement, steps), annual, today, admin, people)
        lead = people[row["lead"]]
        services.apply_template(project, template, placement.target, actor=admin)
        _record_actuals(project, placement, lead)
        _track(project, placement, amounts, lead, today, cal, rng, photo=row.get("photo", False))
        if row.get("problem"):
            services.raise_problem(project, title=row["problem"]["title"], text=row["problem"]["text"],
                                   actor=lead)
        projects.append(project)
    build_meetings(park, data.get("meeting"), projects, people, today, cal)
    return projects


def _create(park, row, stage, annual, today, admin, people) -> Project:
    investor = Enterprise.objects.filter(park=park, name=row.get("investor", "")).first()
    intensity, technology, driving, tax = row["scores"]
    project = services.create_project(park, actor=admin, data={
        "name": row["name"], "year": last_year(today), "level": row["level"], "industry_id": row["industry"],
        "investor": investor, "investor_name": row.get("investor_name", ""),
        "total_investment": Decimal(row["total"]), "annual_planned_investment": annual,
        "floor_area_m2": Decimal(row["floor_area"]), "plot": Plot.objects.get(park=park, code=row["plot"]),
        "stage": stage, "score_intensity": intensity, "score_technology": technology,
        "score_driving": driving, "score_tax": tax, "description": row.get("description", "")})
    name, phone = row["contact"]
    return services.set_task_force(project, lead=people[row["lead"]],
                                   members=[people[m] for m in row["members"]], firm_contact_name=name,
                                   firm_contact_phone=phone, actor=admin)


def _record_actuals(project, placement, lead):
    """Record each started milestone's actual dates, predecessors first (as the task force did)."""
    milestones = {m.key: m for m in project.milestones.all()}
    steps = schedule.steps_of(sorted(milestones.values(), key=lambda m: (m.order, m.id)))
    for step in schedule.topological(steps):
        placed = placement.milestone(step.key)
        if placed.actual_start:
            services.update_milestone(milestones[step.key], actual_start=placed.actual_start,
                                      actual_finish=placed.actual_finish, actor=lead)


# tracking: monthly investment, daily notes, photos


def _months(first: date, last: date) -> list[date]:
    month, out = first.replace(day=1), []
    while month <= last:
        out.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return out


def investment_plan(total, placement, today, rng) -> tuple[Decimal, dict[date, Decimal]]:
    """(this year's planned investment, invested per month up to this month), in 万元.

    95 % of the total is spent evenly, give or take, over the months from the start of the work to
    the target (the rest after acceptance); this year's plan is what falls in this year. Earlier
    months went as planned, this year's at the pace of the project's colour; the current month
    counts half, it is not over."""
    planned = _spread(Decimal(total) * Decimal("0.95"), _months(placement.start, placement.target), rng)
    annual = sum((a for m, a in planned.items() if m.year == today.year), Decimal(0))
    done = {}
    for month, amount in planned.items():
        if month > today:
            break
        factor = Decimal(1) if month.year < today.year else HEALTH_PACE[placement.health]
        if (month.year, month.month) == (today.year, today.month):
            factor /= 2
        done[month] = (amount * factor).quantize(CENT)
    return (annual / 10).quantize(Decimal(1)) * 10, done


def _spread(amount, months, rng) -> dict[date, Decimal]:
    if not months:
        return {}
    weights = [rng.uniform(0.6, 1.4) for _m in months]
    parts = [(amount * Decimal(w / sum(weights))).quantize(CENT) for w in weights]
    parts[-1] += amount.quantize(CENT) - sum(parts)
    return dict(zip(months, parts, strict=True))


def _track(project, placement, amounts, lead, today, cal, rng, *, photo=False):
    for month, amount in amounts.items():
        if month.year == today.year and month.month == today.month:
            continue
        day = min(_month_end(month, cal), today)
        services.add_progress_note(project, on=day, actor=lead, month_amount=amount,
                                   text=f"{day.month}月完成投资 {amount:,.2f} 万元。")
    current = [m for m in placement.milestones if m.actual_start and not m.actual_finish]
    this_month = amounts.get(today.replace(day=1))
    if current:
        _daily_notes(project, current, this_month, lead, today, cal, rng, photo)
    elif this_month:
        day = today if cal.is_workday(today) else cal.previous_workday(today)
        text = f"项目已投产，运行平稳；{day.month}月已完成投资 {this_month:,.2f} 万元。"
        services.add_progress_note(project, on=day, actor=lead, month_amount=this_month, text=text)


def _month_end(month: date, cal) -> date:
    last = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return last if cal.is_workday(last) else cal.previous_workday(last)


DAILY = {
    "公司注册": ["项目公司注册材料已提交，市场监管部门预审通过。"],
    "土地摘牌": ["土地挂牌出让公告期内，企业已缴纳竞买保证金。", "配合自然资源部门完成地块现状踏勘。"],
    "环评批复": ["环境影响报告表已报审，专家评审意见已回复。"],
    "规划许可": ["规划设计方案已报审，正在按审查意见修改总平面图。",
             "规划方案专家评审会召开，企业按意见调整建筑退线。"],
    "施工图审查": ["施工图已提交审查，消防专项审查意见已回复。"],
    "施工许可": ["施工许可材料已报住建部门，质量安全监督手续办理中。"],
    "主体封顶": ["{n}号车间主体结构施工至第{k}层，完成混凝土浇筑约{m}方，现场作业人员{p}人。",
             "{n}号车间钢结构吊装完成{pct}%，现场作业人员{p}人，塔吊{t}台运行。"],
    "设备采购": ["主要生产设备已签订采购合同，{k}台设备到厂。"],
    "竣工验收": ["消防、规划专项验收资料整理中，已完成{k}项专项验收。",
             "室外管网和道路施工收尾，绿化施工进场。"],
    "投产": ["生产设备安装调试中，首条生产线试生产，产品送检。"],
}
STUCK = {  # what holds up the overdue milestones of the red projects
    "主体封顶": ["主体施工用电负荷不足，塔吊间歇停工，临时用电增容待供电公司批复。",
             "临时用电增容仍未批复，现场仅一台塔吊运行，主体进度继续滞后。"],
    "规划许可": ["地块北侧规划道路红线与用地边界冲突，规划许可暂缓，已提请自然资源部门协调。",
             "规划道路红线调整方案已上报，等待自然资源部门专题会研究。"],
}


def _daily_notes(project, current, month_amount, lead, today, cal, rng, photo):
    """Notes on the last five working days up to today, about the milestones under way."""
    day = today if cal.is_workday(today) else cal.previous_workday(today)
    days = [day]
    for _i in range(4):
        days.append(cal.previous_workday(days[-1]))
    overdue = [m for m in current if m.health == "red"]
    for i, on in enumerate(reversed(days)):
        placed = current[i % len(current)]
        milestone = project.milestones.get(key=placed.key)
        stuck = STUCK.get(milestone.name, []) if placed in overdue and i % 2 == 0 else []
        text = stuck[i // 2 % len(stuck)] if stuck else _daily_text(milestone.name, rng)
        latest = on == days[0]
        photos = [site_photo(project.pk, milestone.name)] if latest and photo else []
        services.add_progress_note(project, on=on, text=text, milestone=milestone, photos=photos, actor=lead,
                                   month_amount=month_amount if latest else None)


def _daily_text(name, rng) -> str:
    lines = DAILY.get(name, ["{name}工作按计划推进。"])
    return rng.choice(lines).format(n=rng.randint(1, 3), k=rng.randint(2, 5), m=rng.randint(180, 520),
                                    p=rng.randint(40, 140), pct=rng.randint(30, 90), t=rng.randint(1, 3),
                                    name=name)


def site_photo(seed: int, caption: str) -> ContentFile:
    """A small generated JPEG "site photo": sky, ground, a building frame and a crane."""
    rng = random.Random(seed)
    img = Image.new("RGB", (480, 320), (135, 180, 225))
    draw = ImageDraw.Draw(img)
    for y in range(0, 200, 4):  # sky gradient
        draw.rectangle([0, y, 480, y + 4], fill=(135 + y // 4, 180 + y // 8, 225))
    draw.rectangle([0, 220, 480, 320], fill=(150, 120, 90))
    left, floors = rng.randint(60, 140), rng.randint(3, 6)
    for f in range(floors):
        top = 220 - (f + 1) * 28
        draw.rectangle([left, top, left + 240, top + 6], fill=(170, 170, 170))
        for x in range(left, left + 241, 40):
            draw.rectangle([x, top, x + 6, top + 28], fill=(120, 120, 120))
    mast = left + 280
    draw.rectangle([mast, 40, mast + 8, 220], fill=(230, 180, 30))
    draw.line([mast - 150, 44, mast + 80, 44], fill=(230, 180, 30), width=6)
    draw.line([mast - 100, 44, mast - 100, 120], fill=(60, 60, 60), width=2)
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=70)
    return ContentFile(out.getvalue(), name=f"{caption}现场.jpg")


# the weekly dispatch (周调度)


def build_meetings(park, spec, projects, people, today, cal):
    """Last week's meeting with final minutes and its actions (one closed, one overdue), and this
    week's with a generated agenda and minutes still to write."""
    from yuanqu.projects import dispatch

    if not spec:
        return
    admin = park_admin(people)
    held = today if cal.is_workday(today) else cal.previous_workday(today)
    earlier = cal.previous_workday(held - timedelta(days=6))
    meeting = dispatch.create_meeting(park, held_on=earlier, actor=admin, chair=spec["chair"])
    dispatch.generate_agenda(meeting, actor=admin, today=earlier)
    by_name = {p.name: p for p in projects}
    for row in spec["actions"]:
        due = earlier + timedelta(days=row["due_in"])
        action = dispatch.add_action(meeting, actor=admin, project=by_name[row["project"]], due_on=due,
                                     decision=row["decision"], action=row["action"],
                                     owner=people[row["owner"]])
        if row.get("done_in") is not None:
            dispatch.close_action(action, actor=admin, result=row["result"],
                                  done_on=earlier + timedelta(days=row["done_in"]))
    dispatch.update_meeting(meeting, actor=admin, minutes=spec["minutes"])
    dispatch.finalize_minutes(meeting, actor=admin)
    current = dispatch.create_meeting(park, held_on=held, actor=admin, chair=spec["chair"])
    dispatch.generate_agenda(current, actor=admin, today=held)
