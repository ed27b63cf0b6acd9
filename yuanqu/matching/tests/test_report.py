"""The 订单撮合 report's grouping and sheet, without a database."""

import io

from openpyxl import load_workbook

from yuanqu.matching.report import Pair, group_pairs, report_workbook


def pair(firm, need, supplier, score, industry="3062 塑料制品业"):
    return Pair(firm=firm, industry=industry, need=need, supplier=supplier, supply=f"{supplier}的产品",
                kind="产品", score=score, reasons=("共同的词：压铸", "同一产业链"))


PAIRS = [pair("乙公司", "要模具", "丙公司", 0.8), pair("甲公司", "要压铸件", "丙公司", 0.5),
         pair("甲公司", "要压铸件", "丁公司", 0.9, industry="3311 结构性金属制品制造"),
         pair("甲公司", "要包装", "戊公司", 0.1)]


def test_groups_by_firm_best_first_above_the_threshold():
    groups = group_pairs(PAIRS, by="firm", threshold=0.3)
    assert [g.label for g in groups] == ["乙公司", "甲公司"]
    assert [p.supplier for p in groups[1].pairs] == ["丁公司", "丙公司"]
    assert groups[1].firms == 3


def test_groups_by_industry():
    groups = group_pairs(PAIRS, by="industry", threshold=0)
    assert [(g.label, len(g.pairs)) for g in groups] == [("3062 塑料制品业", 3),
                                                         ("3311 结构性金属制品制造", 1)]


def test_nothing_above_the_threshold_is_no_group():
    assert group_pairs(PAIRS, threshold=0.95) == []


def test_workbook_rows_and_formula_text():
    danger = pair("=HYPERLINK(1)", "要压铸件", "丙公司", 0.7)
    data = report_workbook(group_pairs([*PAIRS, danger], threshold=0.3), threshold=0.3, park="园区a")
    ws = load_workbook(io.BytesIO(data)).active
    assert ws["A1"].value == "园区a订单撮合清单（匹配度 ≥ 0.3）"
    assert ws["D2"].value == "候选供应商"
    assert [c.value for c in ws[3]] == ["'=HYPERLINK(1)", "'=HYPERLINK(1)", "要压铸件", "丙公司",
                                        "丙公司的产品", "产品", 0.7, "共同的词：压铸；同一产业链"]
    assert ws.max_row == 2 + 4
