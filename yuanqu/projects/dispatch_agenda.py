"""The weekly dispatch agenda, pure: which lines, in which order, worded how (tested without a database).

A project's lateness is its worst unfinished milestone: one whose planned finish has passed is overdue
(逾期) by the working days after the planned finish up to today; otherwise one whose forecast finish lies
beyond its planned finish is lagging (预计滞后) by the working days between the two. Overdue outranks
lagging, then more days outrank fewer. The agenda lists red projects, then yellow ones (each worst
lateness first, then by name), then open problems (oldest first), then still-open actions of earlier
meetings (earliest deadline first).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

RED, YELLOW, PROBLEM, ACTION = "red", "yellow", "problem", "action"  # AgendaItem.Reason values
SUMMARY_MAX = 500


@dataclass(frozen=True)
class MilestoneFacts:
    """What the agenda needs of a milestone."""

    name: str
    planned_finish: date | None
    forecast_finish: date | None = None
    actual_finish: date | None = None


@dataclass(frozen=True)
class Lateness:
    """A project's worst unfinished milestone and how late it is, in working days."""

    milestone: str
    days: int
    overdue: bool  # the planned finish has passed (else: the forecast slips beyond it)

    @property
    def rank(self) -> tuple[bool, int]:
        return (self.overdue, self.days)


@dataclass(frozen=True)
class ProjectFacts:
    id: int
    name: str
    health: str
    lead: str = ""
    lateness: Lateness | None = None


@dataclass(frozen=True)
class ProblemFacts:
    id: int
    project_id: int
    project: str
    title: str
    number: str = ""
    status: str = ""
    department: str = ""


@dataclass(frozen=True)
class ActionFacts:
    id: int
    project_id: int | None
    project: str
    action: str
    owner: str
    due_on: date


@dataclass(frozen=True)
class AgendaLine:
    """One agenda item to store."""

    reason: str
    summary: str
    project_id: int | None
    problem_id: int | None = None
    action_id: int | None = None

    def key(self) -> tuple:
        return (self.reason, self.project_id, self.problem_id, self.action_id, self.summary)


def _milestone_lateness(m: MilestoneFacts, today: date, cal) -> Lateness | None:
    if m.actual_finish is not None or m.planned_finish is None:
        return None
    if m.planned_finish < today:
        return Lateness(m.name, cal.working_days_between(m.planned_finish, today), True)
    if m.forecast_finish and m.forecast_finish > m.planned_finish:
        return Lateness(m.name, cal.working_days_between(m.planned_finish, m.forecast_finish), False)
    return None


def lateness(milestones: Iterable[MilestoneFacts], today: date, cal) -> Lateness | None:
    """The worst lateness among `milestones` (None when none is late by a working day)."""
    found = [late for m in milestones if (late := _milestone_lateness(m, today, cal)) and late.days > 0]
    return max(found, key=lambda late: late.rank, default=None)


def lateness_text(late: Lateness | None) -> str:
    if late is None:
        return ""
    values = {"milestone": late.milestone, "days": late.days}
    if late.overdue:
        return ngettext("%(milestone)s overdue by %(days)d working day",
                        "%(milestone)s overdue by %(days)d working days", late.days) % values
    return ngettext("%(milestone)s expected %(days)d working day late",
                    "%(milestone)s expected %(days)d working days late", late.days) % values


def _owner(name: str) -> str:
    return name or _("not assigned")


def project_summary(p: ProjectFacts) -> str:
    """「【红】XX项目：主体封顶 逾期 12 个工作日，责任人 张三」"""
    tag = _("[Red]") if p.health == RED else _("[Yellow]")
    late = lateness_text(p.lateness)
    if late:
        return _("%(tag)s%(project)s: %(late)s, owner %(owner)s") % {
            "tag": tag, "project": p.name, "late": late, "owner": _owner(p.lead)}
    return _("%(tag)s%(project)s: owner %(owner)s") % {"tag": tag, "project": p.name, "owner": _owner(p.lead)}


def problem_summary(p: ProblemFacts) -> str:
    """「【问题】XX项目：厂区道路未通（诉求 D2025…，办理中，承办 经济发展部）」"""
    values = {"project": p.project, "title": p.title,
              "where": _(", ").join(part for part in (p.number, p.status, p.department) if part)}
    if values["where"]:
        return _("[Problem]%(project)s: %(title)s (%(where)s)") % values
    return _("[Problem]%(project)s: %(title)s") % values


def action_summary(a: ActionFacts, today: date, cal) -> str:
    """「【督办】XX项目：协调供电接入，责任人 李四，期限 2025-05-09（已逾期 3 个工作日）」"""
    text = _("[Action]%(project)s: %(action)s, owner %(owner)s, due %(due)s") % {
        "project": a.project or "—", "action": a.action, "owner": _owner(a.owner),
        "due": a.due_on.isoformat()}
    days = cal.working_days_between(a.due_on, today) if a.due_on < today else 0
    if days:
        text += ngettext(" (overdue by %(days)d working day)", " (overdue by %(days)d working days)", days) \
            % {"days": days}
    return text


def _project_order(p: ProjectFacts):
    rank = p.lateness.rank if p.lateness else (False, 0)
    return (p.health != RED, not rank[0], -rank[1], p.name, p.id)


def agenda_lines(projects: Sequence[ProjectFacts], problems: Sequence[ProblemFacts],
                 actions: Sequence[ActionFacts], today: date, cal) -> list[AgendaLine]:
    """Red, then yellow projects (worst first), open problems, then earlier meetings' open actions."""
    lines = [AgendaLine(p.health, project_summary(p)[:SUMMARY_MAX], p.id)
             for p in sorted((p for p in projects if p.health in (RED, YELLOW)), key=_project_order)]
    lines += [AgendaLine(PROBLEM, problem_summary(p)[:SUMMARY_MAX], p.project_id, problem_id=p.id)
              for p in problems]
    lines += [AgendaLine(ACTION, action_summary(a, today, cal)[:SUMMARY_MAX], a.project_id, action_id=a.id)
              for a in sorted(actions, key=lambda a: (a.due_on, a.id))]
    return lines
