"""Labels for tier results in templates (the _tier_results partial needs nothing else)."""

from django import template

from yuanqu.enterprises.models import QualificationKind

from ..tiers import ruleset

register = template.Library()

TIER_QUALIFICATION = {"innovative_sme": QualificationKind.INNOVATIVE_SME, "specialized_sme":
                      QualificationKind.SPECIALIZED, "little_giant": QualificationKind.LITTLE_GIANT,
                      "gazelle": QualificationKind.GAZELLE, "above_scale": QualificationKind.ABOVE_SCALE}


@register.filter
def tier_label(code: str) -> str:
    kind = TIER_QUALIFICATION.get(code)
    return kind.label if kind else code


@register.filter
def rule_source(result) -> str:
    """The document a result's rule set encodes, e.g. 工信部企业〔2022〕63号 附件1."""
    try:
        return ruleset(result.tier, result.rule_version).source
    except KeyError:
        return result.rule_version


@register.filter
def percent(value) -> int:
    return round((value or 0) * 100)
