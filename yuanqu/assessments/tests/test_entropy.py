"""Entropy weights against a hand-computed example; missing values and flat columns (no database)."""

import math

import pytest
from django.utils import translation

from yuanqu.assessments.capability.entropy import EntropyError, entropy_weights


def test_hand_computed_example():
    # Column 1 (higher better): 1, 2, 3 → x' = 0, ½, 1 → p = 0, ⅓, ⅔
    #   e1 = −(⅓ ln ⅓ + ⅔ ln ⅔) / ln 3 = 0.57938
    # Column 2 (lower better): 10, 10, 40 → x' = 1, 1, 0 → p = ½, ½, 0
    #   e2 = −(2 · ½ ln ½) / ln 3 = ln 2 / ln 3 = 0.63093
    # d = 1 − e → w = d / Σd = (0.53264, 0.46736)
    e1 = -(1 / 3 * math.log(1 / 3) + 2 / 3 * math.log(2 / 3)) / math.log(3)
    e2 = math.log(2) / math.log(3)
    d1, d2 = 1 - e1, 1 - e2
    result = entropy_weights([[1, 10], [2, 10], [3, 40]], [True, False])
    assert result.entropies == pytest.approx((e1, e2))
    assert result.weights == pytest.approx((d1 / (d1 + d2), d2 / (d1 + d2)))
    assert result.weights == pytest.approx((0.53264, 0.46736), abs=1e-5)
    assert sum(result.weights) == pytest.approx(1)


def test_rows_with_a_missing_value_are_left_out_and_counted():
    result = entropy_weights([[1, 10], [2, 10], [3, 40], [None, 5], [4, None]], [True, False])
    assert result.rows_used == 3 and result.rows_left_out == 2
    assert result.weights == pytest.approx((0.53264, 0.46736), abs=1e-5)


def test_a_flat_column_carries_no_weight():
    result = entropy_weights([[1, 7], [2, 7], [3, 7]], [True, True])
    assert result.weights == (1.0, 0.0)


def test_no_spread_at_all_is_refused():
    with translation.override("zh-hans"), pytest.raises(EntropyError) as exc:
        entropy_weights([[1, 7], [1, 7], [1, 7]], [True, True])
    assert "熵值法" in str(exc.value)


def test_too_few_complete_rows_are_refused():
    with translation.override("zh-hans"), pytest.raises(EntropyError) as exc:
        entropy_weights([[1, 2], [None, 3], [4, 5]], [True, True])
    assert "3" in str(exc.value) and "2" in str(exc.value)
