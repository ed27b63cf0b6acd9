"""normalize(): one normal form for matching, tested without a database."""

import pytest

from yuanqu.nlp.normalize import normalize


@pytest.mark.parametrize(("text", "expected"), [
    ("ＡＢＣ１２３ｘｙｚ", "ABC123xyz"),  # full-width letters and digits
    ("电话：１３８００１３８０００！", "电话:13800138000!"),  # full-width punctuation too
    ("厂区　停电", "厂区 停电"),  # the ideographic space
    ("abc 123, 停电。", "abc 123, 停电。"),  # half-width text and 。 stay as they are
])
def test_full_width_becomes_half_width(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("廠區停電，請盡快恢復供電", "厂区停电,请尽快恢复供电"),
    ("頭髮乾燥", "头发干燥"),  # phrase-aware: 髮 → 发, 乾 → 干
    ("招聘電焊工與叉車司機", "招聘电焊工与叉车司机"),
])
def test_traditional_becomes_simplified(text, expected):
    assert normalize(text) == expected


def test_simplified_text_is_left_alone():
    text = "干部反映后面的面条店里面排污管漏水"
    assert normalize(text) == text


def test_whitespace_runs_become_one_space_and_ends_are_trimmed():
    assert normalize("  厂区\n\n停电\t\t了 \r\n ") == "厂区 停电 了"


def test_control_and_format_characters_are_dropped():
    assert normalize("停\x00电\x07了\u200b，\ufeff请\x1f处理") == "停电了,请处理"


@pytest.mark.parametrize("empty", [None, "", " \n\t\u3000"])
def test_empty_input_gives_an_empty_string(empty):
    assert normalize(empty) == ""
