"""The bundled problems.txt (a firm's problem → what solves it): it parses, every line is one-way,
it is big enough to matter, key lines are there, and bundled() merges it. Without a database."""

import pytest

from yuanqu.nlp import thesaurus
from yuanqu.nlp.segment import tokens
from yuanqu.nlp.thesaurus import ARROW, PROBLEMS


def _lines():
    return [line.split("#", 1)[0].strip() for line in PROBLEMS.read_text(encoding="utf-8").splitlines()
            if line.split("#", 1)[0].strip()]


def test_problems_parse_with_hundreds_of_lines():
    assert 400 <= len(_lines()) <= 700
    assert len(thesaurus.load(PROBLEMS).related) > 1000


def test_every_problem_line_is_one_way():
    assert [line for line in _lines() if line.count(ARROW) != 1] == []


def test_generic_words_never_stand_on_the_left():
    # A generic word on the left would add its solutions to nearly every request.
    book = thesaurus.load(PROBLEMS)
    generic = {"问题", "厂", "设备", "质量", "服务", "产品", "需要", "公司", "企业", "技术", "生产", "加工"}
    assert generic & set(book.related) == set()


def test_solution_terms_do_not_segment_into_single_characters():
    # The matcher adds a solution term as the words it segments into; a one-character word (去, 机)
    # matches too many documents to help, so such a term is reworded or added to park_dict.txt.
    book = thesaurus.load(PROBLEMS)
    solutions = {other for others in book.related.values() for other in others}
    assert {term: tokens(term) for term in solutions if any(len(w) < 2 for w in tokens(term))} == {}


@pytest.mark.parametrize("problem, solution", [
    ("砂眼", "无损检测"), ("气孔", "探伤"), ("裂纹", "失效分析"), ("毛刺", "去毛刺"), ("色差", "色差仪"),
    ("尺寸超差", "三坐标"), ("异响", "振动分析"), ("精度下降", "机床维修"), ("订单做不完", "外协"),
    ("设备闲置", "产能共享"), ("峰谷电价", "储能"), ("停电", "备用电源"), ("粉尘大", "除尘器"),
    ("发工资", "代发工资"), ("赊账", "信用保险"), ("老外赊账", "出口信用保险"), ("汇率波动", "套期保值"),
    ("收不回来", "催收"), ("被起诉", "应诉"), ("辐射超标", "emc"), ("出口欧洲", "ce认证"),
    ("冻货", "冷库"), ("放不下", "仓储"), ("网总是断", "互联网专线"), ("数据丢失", "数据恢复"),
    ("小孩上学", "子女入学"), ("边角料", "废料回收"), ("申请补贴", "政策申报"), ("没客户", "市场开拓"),
    ("保鲜期短", "冷链"),
])
def test_key_problem_lines_point_one_way_at_their_solution(problem, solution):
    book = thesaurus.load(PROBLEMS)
    assert solution in book.synonyms(problem)
    assert problem not in book.synonyms(solution)


def test_bundled_merges_problems_with_the_thesaurus():
    book = thesaurus.bundled()
    assert "无损检测" in book.synonyms("砂眼")          # from problems.txt
    assert "无损检测" in book.synonyms("拍片子")        # from thesaurus.txt
    # A term in both files keeps the solutions of both.
    assert {"备用电源", "断电"} <= set(book.synonyms("停电"))


def test_a_colloquial_request_reaches_the_solution_words():
    book = thesaurus.bundled()
    text = "做出来的零件表面老有砂眼"
    found = {s for term in book.related if len(term) > 1 and term in text for s in book.synonyms(term)}
    assert {"探伤", "无损检测"} <= found | set(book.expand(tokens(text)))
