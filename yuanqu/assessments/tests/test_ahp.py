"""AHP weights: principal eigenvector, λmax, CI and CR against known matrices; bad matrices refused."""

import pytest
from django.utils import translation

from yuanqu.assessments.capability.ahp import RANDOM_INDEX, AhpError, ahp_weights


def test_a_consistent_matrix_gives_its_exact_weights_and_cr_zero():
    # a_ij = w_i / w_j for w = (4, 2, 1) / 7: the eigenvector is w, λmax = n.
    result = ahp_weights([[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]])
    assert result.weights == pytest.approx((4 / 7, 2 / 7, 1 / 7))
    assert result.lambda_max == pytest.approx(3) and result.cr == pytest.approx(0, abs=1e-9)


def test_textbook_three_by_three():
    # The classic example (e.g. Saaty's car-choice criteria): w ≈ (0.595, 0.276, 0.128),
    # λmax ≈ 3.0055, CI ≈ 0.0028, CR = CI / 0.58 ≈ 0.0048.
    result = ahp_weights([[1, 2, 5], ["1/2", 1, 2], ["1/5", "1/2", 1]])
    assert result.weights == pytest.approx((0.5954, 0.2764, 0.1283), abs=1e-4)
    assert result.lambda_max == pytest.approx(3.0055, abs=1e-4)
    assert result.ci == pytest.approx(0.00277, abs=1e-5)
    assert result.cr == pytest.approx(0.00477, abs=1e-5)


def test_textbook_four_by_four():
    # Four criteria; the geometric-mean (row) method gives (0.571, 0.272, 0.112, 0.045), the
    # eigenvector (0.573, 0.271, 0.110, 0.045) with λmax ≈ 4.0876, CR ≈ 0.032.
    m = [[1, 3, 5, 9], ["1/3", 1, 3, 7], ["1/5", "1/3", 1, 3], ["1/9", "1/7", "1/3", 1]]
    result = ahp_weights(m)
    assert result.weights == pytest.approx((0.5735, 0.2712, 0.1102, 0.0451), abs=1e-4)
    assert result.weights == pytest.approx((0.5706, 0.2723, 0.1119, 0.0451), abs=4e-3)
    assert result.lambda_max == pytest.approx(4.0876, abs=1e-4)
    assert result.cr == pytest.approx((result.lambda_max - 4) / 3 / RANDOM_INDEX[4])


def test_the_weights_agree_with_power_iteration():
    m = [[1, 3, 5, 9], [1 / 3, 1, 3, 7], [1 / 5, 1 / 3, 1, 3], [1 / 9, 1 / 7, 1 / 3, 1]]
    w = [1.0] * 4
    for _ in range(100):
        w = [sum(m[i][j] * w[j] for j in range(4)) for i in range(4)]
        w = [x / sum(w) for x in w]
    assert ahp_weights(m).weights == pytest.approx(w, abs=1e-9)


def test_an_inconsistent_matrix_is_refused_with_its_cr():
    # A prefers B strongly, B prefers C strongly, yet C prefers A strongly: a cycle.
    with translation.override("zh-hans"), pytest.raises(AhpError) as exc:
        ahp_weights([[1, 9, "1/9"], ["1/9", 1, 9], [9, "1/9", 1]])
    assert exc.value.cr > 0.1
    assert f"{exc.value.cr:.3f}" in str(exc.value) and "CR" in str(exc.value)


def test_cr_exactly_at_the_limit_is_refused():
    m = [[1, 2, 5], ["1/2", 1, 2], ["1/5", "1/2", 1]]
    cr = ahp_weights(m).cr
    with pytest.raises(AhpError):
        ahp_weights(m, cr_limit=cr)


def test_orders_one_and_two_are_always_consistent():
    assert ahp_weights([[1]]).weights == (1.0,)
    result = ahp_weights([[1, 3], ["1/3", 1]])
    assert result.weights == pytest.approx((0.75, 0.25)) and result.cr == 0


@pytest.mark.parametrize("matrix, words", [
    ([[1, 2], [0.5]], "方阵"),
    ([], "方阵"),
    ([[2, 1], [1, 1]], "1"),
    ([[1, 10], [0.1, 1]], "1–9"),
    ([[1, 0.3], [3.3, 1]], "1–9"),
    ([[1, 3], [3, 1]], "倒数"),
    ([[1, "x"], ["1/3", 1]], "不是数字"),
    ([[1, "1/0"], [1, 1]], "不是数字"),
])
def test_bad_matrices_say_what_is_wrong(matrix, words):
    with translation.override("zh-hans"), pytest.raises(AhpError) as exc:
        ahp_weights(matrix)
    assert words in str(exc.value)


def test_the_random_index_table_is_saatys():
    assert [RANDOM_INDEX[n] for n in range(1, 11)] == [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]
