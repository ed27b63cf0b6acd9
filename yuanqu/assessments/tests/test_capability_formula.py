"""The formula language: what it accepts, what it refuses, and missing values (no database)."""

import pytest

from yuanqu.assessments.capability.formula import FormulaError, Missing, parse


@pytest.mark.parametrize("text, current, previous, expected", [
    ("rd_expense / revenue", {"rd_expense": 30, "revenue": 1000}, None, 0.03),
    ("(revenue - prev.revenue) / prev.revenue", {"revenue": 120}, {"revenue": 100}, 0.2),
    ("(revenue − prev.revenue) ÷ prev.revenue × 100", {"revenue": 120}, {"revenue": 100}, 20.0),
    ("-total_profit + 2.5", {"total_profit": -10}, None, 12.5),
    ("+employees", {"employees": 7}, None, 7.0),
    ("（tax_paid + total_profit）/ employees", {"tax_paid": 10, "total_profit": 20, "employees": 3}, None,
     10.0),
])
def test_allowed_formulas_evaluate(text, current, previous, expected):
    assert parse(text).evaluate(current, previous) == pytest.approx(expected)


def test_a_formula_names_the_fields_it_reads():
    f = parse("(revenue - prev.revenue) / prev.total_assets")
    assert f.fields == {"revenue"} and f.previous_fields == {"revenue", "total_assets"}


@pytest.mark.parametrize("text, words", [
    ("__import__('os').system('ls')", "不允许"),
    ("revenue ** 2", "**"),
    ("revenue % 3", "%"),
    ("revenue // 3", "//"),
    ("abs(revenue)", "()"),
    ("revenue > 3", "比较"),
    ("revenue if revenue else 1", "if"),
    ("lambda: 1", "lambda"),
    ("revenue[0]", "[]"),
    ("'revenue'", "数字"),
    ("True", "数字"),
    ("foo + 1", "foo"),
    ("prev.foo", "foo"),
    ("revenue.real", "prev"),
    ("prev.prev.revenue", "prev"),
    ("revenue +", "语法"),
    ("", "为空"),
    ("revenue + " * 40 + "1", "300"),
])
def test_forbidden_formulas_are_refused_in_chinese(text, words, settings):
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(FormulaError) as exc:
        parse(text)
    assert words in str(exc.value)


def test_division_by_zero_is_missing_not_an_error():
    assert parse("tax_paid / land_area_mu").evaluate({"tax_paid": 5, "land_area_mu": 0}) == Missing(
        zero_denominator=True)


def test_a_missing_input_is_missing_with_its_name():
    f = parse("(revenue - prev.revenue) / prev.revenue")
    assert f.evaluate({"revenue": None}, {"revenue": 1}) == Missing(field="revenue")
    assert f.evaluate({"revenue": 5}, None) == Missing(field="revenue", previous=True)
    assert f.evaluate({"revenue": 5}, {"revenue": None}) == Missing(field="revenue", previous=True)


def test_zero_numerator_is_a_value():
    assert parse("equity_financing / revenue").evaluate({"equity_financing": 0, "revenue": 10}) == 0.0
