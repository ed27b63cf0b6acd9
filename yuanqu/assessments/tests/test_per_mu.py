"""Per-mu metrics and A–D grading by percentile, at the cut points (no database)."""

import pytest

from yuanqu.assessments.capability.defaults import DEFAULT_GRADE_SHARES, DEFAULT_PER_MU_WEIGHTS
from yuanqu.assessments.capability.inputs import FirmInput
from yuanqu.assessments.capability.per_mu import grade_for, grade_park, metrics

FULL = {"tax_paid": 100.0, "revenue": 2000.0, "land_area_mu": 10.0, "rd_expense": 60.0, "total_profit": 150.0,
        "energy_consumption_tce": 50.0, "employees": 25}


def firm(n, **values):
    return FirmInput(n, f"f{n}", "3062", 2025, {**FULL, **values})


def test_the_five_metrics():
    values, reasons = metrics(FULL)
    assert values == pytest.approx({"tax_per_mu": 10.0, "revenue_per_mu": 200.0, "rd_intensity": 0.03,
                                    "value_added_per_energy": 5.0, "labour_productivity": 10.0})
    assert reasons == {}


def test_zero_land_or_revenue_is_missing_not_a_division_error():
    values, reasons = metrics({**FULL, "land_area_mu": 0.0, "revenue": 0.0})
    assert values["tax_per_mu"] is None and values["revenue_per_mu"] is None
    assert values["rd_intensity"] is None
    assert reasons["tax_per_mu"].zero_denominator and values["labour_productivity"] == 10.0


@pytest.mark.parametrize("above, grade", [
    (0.0, "A"), (0.1999, "A"), (0.2, "B"), (0.6999, "B"), (0.7, "C"), (0.8999, "C"), (0.9, "D"), (0.99, "D"),
])
def test_grade_cut_points(above, grade):
    assert grade_for(above, DEFAULT_GRADE_SHARES) == grade


def test_ten_firms_get_two_a_five_b_two_c_one_d():
    firms = [firm(n, tax_paid=10.0 * (n + 1)) for n in range(10)]
    weights = {k: (1.0 if k == "tax_per_mu" else 0.0) for k in DEFAULT_PER_MU_WEIGHTS}
    results = grade_park(firms, 2025, weights, DEFAULT_GRADE_SHARES)
    grades = "".join(results[n].grade for n in range(9, -1, -1))
    assert grades == "AABBBBBCCD"
    assert results[0].low_efficiency and not results[1].low_efficiency
    assert results[9].rank == 1 and results[0].rank == 10 and results[0].graded == 10


def test_ties_share_the_better_grade():
    firms = [firm(n, tax_paid=100.0 if n >= 7 else 10.0 * (n + 1)) for n in range(10)]
    weights = {k: (1.0 if k == "tax_per_mu" else 0.0) for k in DEFAULT_PER_MU_WEIGHTS}
    results = grade_park(firms, 2025, weights, DEFAULT_GRADE_SHARES)
    assert {results[n].grade for n in (7, 8, 9)} == {"A"} and {results[n].rank for n in (7, 8, 9)} == {1}


def test_configured_shares():
    firms = [firm(n, tax_paid=10.0 * (n + 1)) for n in range(4)]
    weights = {k: (1.0 if k == "tax_per_mu" else 0.0) for k in DEFAULT_PER_MU_WEIGHTS}
    results = grade_park(firms, 2025, weights, {"A": 0.25, "B": 0.25, "C": 0.25})
    assert [results[n].grade for n in (3, 2, 1, 0)] == ["A", "B", "C", "D"]


def test_a_firm_without_land_or_tax_is_not_graded_and_says_why():
    firms = [firm(1), firm(2, land_area_mu=None), firm(3, tax_paid=None), firm(4, tax_paid=300.0)]
    results = grade_park(firms, 2025, DEFAULT_PER_MU_WEIGHTS, DEFAULT_GRADE_SHARES)
    assert results[2].grade is None and results[2].reasons["tax_per_mu"].field == "land_area_mu"
    assert results[3].grade is None and results[3].reasons["tax_per_mu"].field == "tax_paid"
    assert results[1].graded == 2 and results[4].grade == "A"


def test_a_missing_secondary_metric_is_left_out_of_the_score():
    firms = [firm(1, energy_consumption_tce=None), firm(2)]
    results = grade_park(firms, 2025, DEFAULT_PER_MU_WEIGHTS, DEFAULT_GRADE_SHARES)
    assert results[1].scores["value_added_per_energy"] is None and results[1].score is not None
    assert "value_added_per_energy" in results[1].reasons
