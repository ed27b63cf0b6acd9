"""The thesaurus file format and its parser, tested without a database."""

import pytest

from yuanqu.nlp import thesaurus
from yuanqu.nlp.segment import tokens
from yuanqu.nlp.thesaurus import ThesaurusError, parse

GOOD = """# comment line

货车 卡车 货运车   # a trailing comment
招工，招聘、用工
电焊工 => 焊工
分布式光伏 光伏组件 => 光伏
卡車 集卡
"""


def test_a_good_file_gives_groups_and_one_way_terms():
    book = parse(GOOD.splitlines())
    assert book.synonyms("货车") == ["卡车", "货运车"]
    assert book.synonyms("用工") == ["招工", "招聘"]  # , ， and 、 all separate terms
    assert book.synonyms("电焊工") == ["焊工"] and book.synonyms("焊工") == []  # one way only
    assert book.synonyms("光伏组件") == ["光伏"]
    assert book.synonyms("卡车") == ["货车", "货运车", "集卡"]  # 卡車 is 卡车; its lines add up
    assert book.synonyms("集卡") == ["卡车"]  # not transitive
    assert book.synonyms("路灯") == []


def test_expand_adds_synonyms_after_the_tokens_without_repeats():
    book = parse(GOOD.splitlines())
    assert book.expand(["招不到", "电焊工", "货车", "卡车"]) == ["招不到", "电焊工", "货车", "卡车", "焊工",
                                                              "货运车", "集卡"]
    assert book.expand([]) == []


def test_bad_lines_are_all_reported_with_their_line_numbers_in_chinese():
    text = "货车 卡车\n单独一个\n\n焊工 => \nA => B => C\n，，\n停电 = 断电\n"
    with pytest.raises(ThesaurusError) as info:
        parse(text.splitlines())
    assert [n for n, _reason in info.value.errors] == [2, 4, 5, 6, 7]
    message = str(info.value)
    assert "第 2 行：同义词组至少需要两个词" in message
    assert "第 4 行：“=>” 两边都需要有词" in message
    assert "第 5 行：每行最多一个 “=>”" in message
    assert "第 7 行：“=” 不是词语（不含文字或数字）" in message


def test_the_bundled_file_parses_and_matches_segmented_words():
    assert "卡车" in thesaurus.synonyms("货车")
    assert "招聘" in thesaurus.expand(tokens("我们招工很难"))
    assert "焊工" in thesaurus.synonyms("电焊工") and "电焊工" not in thesaurus.synonyms("焊工")


def test_load_reads_utf8_with_a_bom(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("光纤 宽带\n", encoding="utf-8-sig")
    assert thesaurus.load(path).synonyms("光纤") == ["宽带"]
