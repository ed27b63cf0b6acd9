"""Plot scoring for a land need without a database, against hand-computed cases."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from yuanqu.land.matching import WEIGHTS, score_plot

TODAY = date(2026, 3, 2)
ITEMS = ["road", "water", "power", "gas", "drainage", "telecom", "heat"]
USES = {"industrial": "工业", "warehouse": "仓储"}


def need(**kw):
    base = {"min_area_mu": Decimal("30"), "max_area_mu": Decimal("40"), "use": "industrial", "budget": None,
            "needed_by": None, "min_plot_ratio": None, **{f"needs_{i}": False for i in ITEMS}}
    return SimpleNamespace(**{**base, **kw})


def plot(**kw):
    base = {"area_mu": Decimal("32"), "use": "industrial", "price_per_mu": None, "available_on": None,
            "plot_ratio_max": None, **{f"has_{i}": True for i in ITEMS}}
    return SimpleNamespace(**{**base, **kw})


def texts(reasons):
    return [r.text for r in reasons]


def test_the_weights_add_up_to_a_hundred():
    assert sum(WEIGHTS.values()) == 100


def test_a_perfect_plot_scores_a_hundred_with_the_brief_s_sentences():
    score, reasons = score_plot(need(budget=Decimal("1200"), needs_gas=True, needs_power=True),
                                plot(price_per_mu=Decimal("32.8125")), today=TODAY, use_labels=USES)
    assert score == 100
    assert "面积 32 亩，在需求 30–40 亩范围内" in texts(reasons)
    assert "预算 1,200 万元 ≥ 挂牌价×面积 1,050 万元" in texts(reasons)
    assert "具备供电、供气" in texts(reasons)
    assert all(r.ok for r in reasons)


def test_a_missing_gas_supply_costs_its_share_and_is_named():
    # 3 items required, gas missing: 20 × 2/3 = 13.3 points.
    score, reasons = score_plot(need(needs_gas=True, needs_power=True, needs_water=True), plot(has_gas=False),
                                today=TODAY)
    infra = next(r for r in reasons if r.criterion == "infrastructure")
    assert infra.points == 13.3 and infra.text == "缺少供气"
    assert score == 93


def test_area_below_the_range_falls_with_the_gap():
    # 24 亩 against 30–40: 20 % short → 1 − 0.4 = 0.6 × 30 = 18 points.
    score, reasons = score_plot(need(), plot(area_mu=Decimal("24")), today=TODAY)
    area = next(r for r in reasons if r.criterion == "area")
    assert area.points == 18 and area.text == "面积 24 亩，小于需求 30–40 亩"
    assert score == 88


def test_wrong_use_and_short_budget_and_late_plot():
    # use 0/20; budget 800 vs 32 × 50 = 1,600 → 7.5/15; 36 days late → (1 − 36/180) × 10 = 8.
    score, reasons = score_plot(
        need(budget=Decimal("800"), needed_by=date(2026, 6, 30)),
        plot(use="warehouse", price_per_mu=Decimal("50"), available_on=date(2026, 8, 5)),
        today=TODAY, use_labels=USES)
    points = {r.criterion: r.points for r in reasons}
    assert points == {"area": 30, "use": 0, "infrastructure": 20, "budget": 7.5, "timing": 8, "ratio": 5}
    assert score == 70
    assert "用途为仓储，需求为工业" in texts(reasons)
    assert "2026-08-05 起可供地，晚于需求日期 2026-06-30 36 天" in texts(reasons)


def test_plot_ratio_and_unknown_price_are_half_or_nothing():
    score, reasons = score_plot(need(budget=Decimal("1000"), min_plot_ratio=Decimal("1.5")),
                                plot(plot_ratio_max=Decimal("1.2")), today=TODAY)
    points = {r.criterion: r.points for r in reasons}
    assert points["budget"] == 7.5 and points["ratio"] == 0
    assert "容积率上限 1.2 < 需求 1.5" in texts(reasons)
    assert score == 88  # 87.5


def test_a_need_without_a_maximum_takes_any_larger_plot():
    score, reasons = score_plot(need(max_area_mu=None), plot(area_mu=Decimal("80")), today=TODAY)
    assert score == 100 and "面积 80 亩，在需求 ≥ 30 亩范围内" in texts(reasons)
