"""The bundled data files (thesaurus.txt, park_dict.txt): they parse, the segmenter keeps every
thesaurus term whole, and key pairs point the right way. Without a database."""

import pytest

from yuanqu.nlp import thesaurus
from yuanqu.nlp.segment import tokens
from yuanqu.nlp.thesaurus import BUNDLED


def _terms(book):
    return set(book.related) | {other for others in book.related.values() for other in others}


def test_the_bundled_thesaurus_parses_with_hundreds_of_lines():
    lines = [line for line in BUNDLED.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert 300 <= len(lines) <= 1200
    assert len(_terms(thesaurus.load())) > 800


def test_every_thesaurus_term_comes_out_of_the_segmenter_as_one_token():
    # A term the segmenter splits could never be looked up, so its line would do nothing.
    split = {term: tokens(term) for term in _terms(thesaurus.load()) if tokens(term) != [term]}
    assert split == {}


@pytest.mark.parametrize("term, other", [
    ("招工", "招聘"), ("卡车", "货车"), ("cnc", "数控"), ("plc", "可编程控制器"), ("smt", "贴片"),
    ("erp", "企业资源计划"), ("探伤", "无损检测"), ("等保", "等级保护"), ("软著", "软件著作权"),
    ("高企", "高新技术企业"), ("喷漆", "喷涂"), ("马达", "电机"), ("线路板", "pcb"),
])
def test_equivalent_terms_mean_each_other(term, other):
    assert other in thesaurus.synonyms(term) and term in thesaurus.synonyms(other)


@pytest.mark.parametrize("problem, service", [
    ("招不到人", "招聘"), ("资金紧张", "融资"), ("周转", "贷款"), ("拍片子", "探伤"), ("老化", "可靠性"),
    ("开发票", "财税"), ("回款慢", "保理"), ("电费高", "光伏"), ("设备故障", "设备维修"),
    ("被仿冒", "维权"), ("机器换人", "工业机器人"), ("淬火", "热处理"), ("电焊工", "焊工"),
])
def test_a_problem_or_narrow_term_points_one_way_at_the_service(problem, service):
    assert service in thesaurus.synonyms(problem)
    assert problem not in thesaurus.synonyms(service)


@pytest.mark.parametrize("one, other", [
    ("检测", "认证"), ("检验", "认证"), ("检测", "计量"), ("融资租赁", "设备租赁"), ("emc", "合同能源管理"),
])
def test_neighbouring_but_different_services_stay_apart(one, other):
    assert other not in thesaurus.synonyms(one) and one not in thesaurus.synonyms(other)


def test_colloquial_text_reaches_the_service_words_through_segmentation():
    assert {"招聘", "劳务派遣"} <= set(thesaurus.expand(tokens("厂里最近招不到人，订单做不完")))
    assert "无损检测" in thesaurus.expand(tokens("焊缝要拍片子，哪里能做"))
    assert "等级保护" in thesaurus.expand(tokens("系统要过等保"))
    assert "数控" in thesaurus.expand(tokens("找一家做CNC加工的工厂"))
