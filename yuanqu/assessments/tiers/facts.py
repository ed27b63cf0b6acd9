"""The facts a rule reads beyond the annual indicators: names, kinds and labels (one list that the
model, the API schema, the form and the engine share). None always means unknown, never "no"."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

RD_LEVELS = ("national", "provincial", "municipal", "below", "none")
PRODUCT_FIELDS = ("key_link", "six_foundations", "other")
AWARDS = ("national", "provincial", "none")
MAKER_CHINA = ("top50", "top500", "none")


@dataclass(frozen=True)
class Fact:
    name: str
    kind: str  # bool | count | int | decimal | choice
    label: str  # English msgid
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None


FACTS = (
    Fact("high_value_class1_ip", "count", "class I high-value IP"),
    Fact("self_developed_class1_ip", "count", "self-developed class I IP"),
    Fact("strategic_emerging", "bool", "main product in the strategic emerging industries"),
    Fact("niche_years", "count", "years in the niche market", high=200),
    Fact("digital_level", "int", "digitalisation level", low=1, high=3),
    Fact("quality_award", "bool", "provincial or higher quality award"),
    Fact("quality_system_cert", "bool", "quality management system certificate"),
    Fact("own_brand", "bool", "own brand"),
    Fact("standards_drafted", "bool", "took part in drafting standards"),
    Fact("rd_institution_level", "choice", "R&D institution level", RD_LEVELS),
    Fact("main_product_field", "choice", "field of the main product", PRODUCT_FIELDS),
    Fact("national_market_share", "decimal", "national market share of the main product (%)",
         low=0, high=100),
    Fact("high_tech_enterprise", "bool", "high-tech enterprise certificate in force"),
    Fact("sci_award", "choice", "science and technology award in the last three years", AWARDS),
    Fact("sci_award_rank", "count", "rank among the award winners", low=1, high=1000),
    Fact("innovation_honour", "bool", "innovation or IP demonstration honour in force"),
    Fact("maker_china", "choice", "Maker China contest ranking in the last three years", MAKER_CHINA),
    Fact("net_profit", "decimal", "net profit (10k yuan)", low=-1e12, high=1e12),
    Fact("local_feature_score", "decimal", "local feature indicators score", low=0, high=15),
    Fact("core_it_system", "bool", "a core process runs on an information system"),
    Fact("intl_product_cert", "bool", "product certified in developed markets"),
    Fact("priority_sector", "bool", "main product in a national key field"),
    Fact("national_market_rank", "count", "national rank of the main product", low=1, high=100000),
    Fact("development_score", "decimal", "specialised development evaluation score", low=0, high=100),
    Fact("sd_priority_industry", "bool", "in Shandong's strategic industries"),
    Fact("listed", "bool", "listed or controlled by a listed company"),
    Fact("standards_led", "bool", "led an international, national or industry standard"),
    Fact("credit_score", "decimal", "third-party credit score", low=0, high=100),
)
FACT_NAMES = tuple(f.name for f in FACTS)
BY_NAME = {f.name: f for f in FACTS}

CHOICE_LABELS = {
    "national": gettext_lazy("national"),
    "provincial": gettext_lazy("provincial"),
    "municipal": gettext_lazy("municipal"),
    "below": gettext_lazy("below municipal"),
    "none": gettext_lazy("none"),
    "key_link": gettext_lazy("key link of an industrial chain"),
    "six_foundations": gettext_lazy("the six industrial foundations"),
    "other": gettext_lazy("other field"),
    "top50": gettext_lazy("national top 50"),
    "top500": gettext_lazy("national top 500"),
}


def fact_label(name: str) -> str:
    fact = BY_NAME.get(name)
    return _(fact.label) if fact else name


def choice_label(value: str) -> str:
    return str(CHOICE_LABELS.get(value, value))
