"""The pool's pure core: standings, order, counts, filters, rule versions (no database)."""

from dataclasses import dataclass, field

from yuanqu.assessments.pool import CLOSE, FirmRow, build_pool, build_tier, pick, standing


@dataclass(frozen=True)
class Result:
    """The fields of tiers.TierResult the pool reads."""

    tier: str
    eligible: bool | None
    closeness: float
    score: float | None = None
    rule_version: str = "miit-2022-63"
    missing: list = field(default_factory=list)
    gaps: list = field(default_factory=list)


FIRMS = {i: FirmRow(i, name) for i, name in [(1, "甲"), (2, "乙"), (3, "丙"), (4, "丁"), (5, "戊")]}


def results(tier="specialized_sme", **by_firm):
    return {int(k[1:]): [Result(tier, *v) if isinstance(v, tuple) else v] for k, v in by_firm.items()}


def test_standing_follows_eligibility_then_closeness():
    assert standing(Result("gazelle", True, 1.0)) == "eligible"
    assert standing(Result("gazelle", False, CLOSE)) == "close"
    assert standing(Result("gazelle", None, CLOSE - 0.01)) == "far"
    assert standing(Result("gazelle", None, 0.9, missing=["研发费用"])) == "close"


def test_eligible_first_by_score_then_close_by_closeness_recognised_apart():
    res = results(f1=(False, 0.85, 50), f2=(True, 1.0, 62), f3=(True, 1.0, 80), f4=(False, 0.9, 40),
                  f5=(True, 1.0, 90))
    held, plans = {5: {"specialized_sme": "2025年认定"}}, {(4, "specialized_sme"): 9}
    pool = build_tier("specialized_sme", FIRMS, res, held, plans)
    assert [e.firm.id for e in pool.candidates] == [3, 2, 4, 1]
    assert [e.standing for e in pool.candidates] == ["eligible", "eligible", "close", "close"]
    assert [(e.firm.id, e.held) for e in pool.recognised] == [(5, "2025年认定")]
    assert pool.candidates[2].plan_id == 9
    assert pool.counts() == {"eligible": 2, "close": 2, "recognised": 1, "far": 0, "missing": 0}


def test_far_firms_are_counted_not_listed_and_missing_data_filters():
    res = results(f1=(False, 0.2), f2=(None, 0.8, None, "miit-2022-63", ["净利润率"]), f3=(True, 1.0, 70))
    pool = build_tier("specialized_sme", FIRMS, res, {}, {})
    assert (pool.far, pool.missing, len(pool.candidates)) == (1, 1, 2)
    only_missing = build_tier("specialized_sme", FIRMS, res, {}, {}, missing=True)
    assert [e.firm.id for e in only_missing.candidates] == [2] and only_missing.far == 0
    complete = build_tier("specialized_sme", FIRMS, res, {}, {}, missing=False)
    assert [e.firm.id for e in complete.candidates] == [3] and complete.far == 1


def test_a_firm_without_results_for_a_tier_is_left_out():
    pool = build_tier("gazelle", FIRMS, results(f1=(True, 1.0)), {}, {})
    assert pool.candidates == [] and pool.counts()["far"] == 0


def test_rule_versions_default_to_the_engines_first_and_can_be_chosen():
    both = {1: [Result("specialized_sme", False, 0.85, 55, "miit-2026-2"),
                Result("specialized_sme", True, 1.0, 65, "miit-2022-63"),
                Result("gazelle", False, 0.1, None, "sd-gazelle-2020")]}
    assert pick(both[1], "specialized_sme").rule_version == "miit-2026-2"
    default = build_tier("specialized_sme", FIRMS, both, {}, {})
    assert default.versions == ["miit-2026-2", "miit-2022-63"] and default.close[0].result.score == 55
    old = build_tier("specialized_sme", FIRMS, both, {}, {}, version="miit-2022-63")
    assert old.eligible[0].result.rule_version == "miit-2022-63"
    # a version of another tier's rules leaves the other tiers on their default
    gazelle = build_tier("gazelle", FIRMS, both, {}, {}, version="miit-2022-63")
    assert gazelle.far == 1


def test_build_pool_keeps_the_ladder_order_and_the_chosen_tiers():
    tiers = [p.tier for p in build_pool(FIRMS, {}, {}, {})]
    assert tiers == ["innovative_sme", "specialized_sme", "little_giant", "gazelle", "above_scale"]
    assert [p.tier for p in build_pool(FIRMS, {}, {}, {}, tiers=("gazelle",))] == ["gazelle"]


def test_unscored_eligible_firms_come_after_scored_ones():
    res = results("above_scale", f1=(True, 1.0, None), f2=(True, 1.0, 10))
    pool = build_tier("above_scale", FIRMS, res, {}, {})
    assert [e.firm.id for e in pool.eligible] == [2, 1]
