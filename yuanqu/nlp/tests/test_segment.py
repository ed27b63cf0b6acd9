"""tokens(): rjieba with the park dictionary, on normalised text, tested without a database."""

from yuanqu.nlp.segment import DICTIONARY_PATH, STOP_WORDS, tokens


def test_tokens_keep_park_terms_whole_and_drop_noise():
    words = tokens("我们是专精特新企业，申请研发费用加计扣除！消防通道  被堵了 ABC")
    assert {"专精特新", "研发费用加计扣除", "消防通道", "abc"} <= set(words)
    assert not {"我们", "是", "，", "！", " ", "了"} & set(words)


def test_tokens_see_full_width_and_traditional_text_as_its_normal_form():
    assert tokens("申請研發費用加計扣除，ＡＢＣ公司") == tokens("申请研发费用加计扣除,ABC公司")
    assert "研发费用加计扣除" in tokens("申請研發費用加計扣除")


def test_the_dictionary_ships_with_the_engine():
    assert DICTIONARY_PATH.parent.parent.name == "nlp" and DICTIONARY_PATH.is_file()
    assert "的" in STOP_WORDS and tokens("") == [] and tokens(None) == []
