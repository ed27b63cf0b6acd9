"""Reading the three development-set files, and the errors a malformed one gives (in Chinese)."""

import pytest

from yuanqu.matching.evaluation import DevSetError, load_qrels, load_queries, load_resources

RESOURCES = """id,kind,title,description,tags,industry_code
R1,product,碳纤维预浸料,"T700级12K碳纤维单向预浸料，树脂含量38%±2%",碳纤维、预浸料,3091
R2,service,劳务派遣,道路运输驾驶员劳务派遣,,
"""


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def error_of(loader, path):
    with pytest.raises(DevSetError) as info:
        loader(path)
    return info.value


def test_resources_load_with_tags_split_on_the_chinese_enumeration_comma(tmp_path):
    resources = load_resources(write(tmp_path, "resources.csv", RESOURCES, encoding="utf-8-sig"))
    assert list(resources) == ["R1", "R2"]
    assert resources["R1"].tags == ("碳纤维", "预浸料") and resources["R1"].industry_code == "3091"
    assert resources["R2"].tags == () and resources["R2"].industry_code == ""
    assert resources["R1"].text.startswith("碳纤维预浸料 T700级")


def test_queries_and_qrels_load(tmp_path):
    text = "qid,kind,text\nQ1,service,司机招不到\nQ2,,不知道找谁\n"
    queries = load_queries(write(tmp_path, "queries.csv", text))
    assert queries["Q1"].kind == "service" and queries["Q2"].kind == ""
    qrels = load_qrels(write(tmp_path, "qrels.csv", "qid,rid,grade\nQ1,R2,3\nQ1,R1,0\nQ2,R1,1\n"))
    assert qrels == {"Q1": {"R2": 3, "R1": 0}, "Q2": {"R1": 1}}


@pytest.mark.parametrize(("text", "line", "reason"), [
    ("id,kind,description\nR1,product,x\n", 1, "表头应包含这些列：id,title（缺少：title）"),
    ("", 1, "表头应包含这些列"),
    (RESOURCES + "R3,product,缺一列,描述,标签\n", 4, "有 5 个字段，应为 6 个"),
    (RESOURCES + "R1,product,重复,描述,,\n", 4, "“R1” 出现了两次"),
    (RESOURCES + "R3,land,地块,描述,,\n", 4, "未知的类型 “land”"),
    (RESOURCES + "R3,product,,描述,,\n", 4, "“title” 为空"),
    (RESOURCES + "R3,product,模具,描述,,C35\n", 4, "行业代码 “C35” 不是 4 位数字"),
])
def test_a_malformed_resources_file_names_the_file_the_line_and_the_reason(tmp_path, text, line, reason):
    error = error_of(load_resources, write(tmp_path, "resources.csv", text))
    assert error.line == line
    assert str(error).startswith(f"resources.csv 第 {line} 行：")
    assert reason in str(error)


def test_a_quoted_description_over_two_lines_keeps_the_line_numbers_right(tmp_path):
    text = RESOURCES + 'R3,product,模具,"两行\n描述",,\nR4,nonsense,x,y,,\n'
    error = error_of(load_resources, write(tmp_path, "resources.csv", text))
    assert error.line == 6


@pytest.mark.parametrize(("text", "line", "reason"), [
    ("qid,kind,text\nQ1,service,\n", 2, "“text” 为空"),
    ("qid,kind,text\nQ1,servce,找人\n", 2, "未知的类型 “servce”"),
    ("qid,kind,text\nQ1,,找人\nQ1,,又找人\n", 3, "“Q1” 出现了两次"),
])
def test_a_malformed_queries_file_is_reported(tmp_path, text, line, reason):
    error = error_of(load_queries, write(tmp_path, "queries.csv", text))
    assert (error.line, error.reason) == (line, reason)
    assert str(error).startswith(f"queries.csv 第 {line} 行：")


@pytest.mark.parametrize(("text", "line", "reason"), [
    ("qid,rid,grade\nQ1,R1,4\n", 2, "等级 “4” 不是 0 到 3 的整数"),
    ("qid,rid,grade\nQ1,R1,high\n", 2, "等级 “high” 不是 0 到 3 的整数"),
    ("qid,rid,grade\nQ1,R1,-1\n", 2, "等级 “-1” 不是 0 到 3 的整数"),
    ("qid,rid,grade\nQ1,R1,2\n\nQ1,R1,3\n", 4, "“R1” 对 “Q1” 重复评判"),
    ("qid,rid,grade\nQ1,,2\n", 2, "“rid” 为空"),
])
def test_a_malformed_qrels_file_is_reported(tmp_path, text, line, reason):
    error = error_of(load_qrels, write(tmp_path, "qrels.csv", text))
    assert (error.line, error.reason) == (line, reason)
