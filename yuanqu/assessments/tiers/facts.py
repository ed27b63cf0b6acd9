"""The facts a rule reads beyond the annual indicators: names, kinds and labels (one list that the
model, the API schema, the form and the engine share). None always means unknown, never "no"."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

from .text import tr as _

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
    Fact("high_value_class1_ip", "count", N_("class I high-value IP")),
    Fact("self_developed_class1_ip", "count", N_("self-developed class I IP")),
    Fact("strategic_emerging", "bool", N_("main product in the strategic emerging industries")),
    Fact("niche_years", "count", N_("years in the niche market"), high=200),
    Fact("digital_level", "int", N_("digitalisation level"), low=1, high=3),
    Fact("quality_award", "bool", N_("provincial or higher quality award")),
    Fact("quality_system_cert", "bool", N_("quality management system certificate")),
    Fact("own_brand", "bool", N_("has its own brand")),
    Fact("standards_drafted", "bool", N_("took part in drafting standards")),
    Fact("rd_institution_level", "choice", N_("R&D institution level"), RD_LEVELS),
    Fact("main_product_field", "choice", N_("field of the main product"), PRODUCT_FIELDS),
    Fact("national_market_share", "decimal", N_("national market share of the main product (%)"),
         low=0, high=100),
    Fact("high_tech_enterprise", "bool", N_("high-tech enterprise certificate in force")),
    Fact("sci_award", "choice", N_("science and technology award in the last three years"), AWARDS),
    Fact("sci_award_rank", "count", N_("rank among the award winners"), low=1, high=1000),
    Fact("innovation_honour", "bool", N_("innovation or IP demonstration honour in force")),
    Fact("maker_china", "choice", N_("Maker China contest ranking in the last three years"), MAKER_CHINA),
    Fact("net_profit", "decimal", N_("net profit (10k yuan)"), low=-1e12, high=1e12),
    Fact("local_feature_score", "decimal", N_("local feature indicators score"), low=0, high=15),
    Fact("core_it_system", "bool", N_("a core process runs on an information system")),
    Fact("intl_product_cert", "bool", N_("product certified in developed markets")),
    Fact("priority_sector", "bool", N_("main product in a national key field")),
    Fact("national_market_rank", "count", N_("national rank of the main product"), low=1, high=100000),
    Fact("development_score", "decimal", N_("specialised development evaluation score"), low=0, high=100),
    Fact("sd_priority_industry", "bool", N_("in Shandong's strategic industries")),
    Fact("listed", "bool", N_("listed or controlled by a listed company")),
    Fact("standards_led", "bool", N_("led an international, national or industry standard")),
    Fact("credit_score", "decimal", N_("third-party credit score"), low=0, high=100),
)
FACT_NAMES = tuple(f.name for f in FACTS)
BY_NAME = {f.name: f for f in FACTS}

CHOICE_LABELS = {
    "rd_institution_level": {"national": gettext_lazy("national-level R&D institution"),
                             "provincial": gettext_lazy("provincial-level R&D institution"),
                             "municipal": gettext_lazy("municipal-level R&D institution"),
                             "below": gettext_lazy("R&D institution below municipal level"),
                             "none": gettext_lazy("no R&D institution")},
    "main_product_field": {"key_link": gettext_lazy("key link of an industrial chain"),
                           "six_foundations": gettext_lazy("the six industrial foundations"),
                           "other": gettext_lazy("other field")},
    "sci_award": {"national": gettext_lazy("national S&T award"),
                  "provincial": gettext_lazy("provincial S&T award"),
                  "none": gettext_lazy("no S&T award")},
    "maker_china": {"top50": gettext_lazy("Maker China national top 50"),
                    "top500": gettext_lazy("Maker China national top 500"),
                    "none": gettext_lazy("not on the Maker China national list")},
}


def fact_label(name: str) -> str:
    fact = BY_NAME.get(name)
    return _(fact.label) if fact else name


def choice_label(fact: str, value: str) -> str:
    return str(CHOICE_LABELS.get(fact, {}).get(value, value))
