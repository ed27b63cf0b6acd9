"""The official tier engine (创新型, 专精特新, 小巨人, 瞪羚, 规上): pure rule sets over a FirmYear."""

from .base import TIERS, FirmYear, Line, RuleSet, TierResult
from .facts import FACT_NAMES, FACTS
from .registry import RULESETS, assess_firm, assess_many, ruleset, rulesets

__all__ = ["FACTS", "FACT_NAMES", "RULESETS", "TIERS", "FirmYear", "Line", "RuleSet", "TierResult",
           "assess_firm", "assess_many", "ruleset", "rulesets"]
