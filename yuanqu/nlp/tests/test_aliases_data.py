"""The shop-floor ↔ catalogue names in the bundled thesaurus (products, equipment, materials, parts,
processes): slang reaches the formal name and back, kinds point at their family one way, and words
with two meanings on a shop floor are not tied to both. Without a database."""

import pytest

from yuanqu.nlp import thesaurus
from yuanqu.nlp.segment import tokens


@pytest.mark.parametrize("slang, formal", [
    ("啤机", "注塑机"), ("培林", "轴承"), ("卡板", "托盘"), ("丝杆", "丝杠"),
    ("黄油", "润滑脂"), ("气泵", "空气压缩机"), ("电葫芦", "电动葫芦"), ("铲车", "装载机"),
    ("角铁", "角钢"), ("不锈板", "不锈钢板"), ("电脑锣", "加工中心"), ("治具", "夹具"),
    ("天那水", "稀释剂"), ("亚克力", "pmma"), ("影像仪", "影像测量仪"), ("空开", "空气开关"),
    ("开关柜", "配电柜"), ("发电机", "发电机组"), ("电线", "线缆"), ("摄像头", "监控摄像头"),
    ("胶纸", "封箱胶带"), ("塑胶粒子", "塑料粒子"), ("劳保手套", "手套"), ("冻库", "冷库"),
    ("靠背轮", "联轴器"),
])
def test_a_shop_floor_name_and_the_catalogue_name_mean_each_other(slang, formal):
    assert formal in thesaurus.synonyms(slang) and slang in thesaurus.synonyms(formal)


@pytest.mark.parametrize("kind, family", [
    ("镀锌", "电镀"), ("热镀锌", "镀锌"), ("滚珠丝杆", "丝杆"), ("行星减速机", "减速机"),
    ("鼓风机", "风机"), ("球阀", "阀门"), ("角钢", "型钢"), ("聚碳酸酯", "塑料粒子"),
    ("乳化液", "切削液"), ("安全帽", "劳保用品"), ("摄像头", "视频监控"), ("中央空调", "空调"),
    ("柴油发电机", "发电机组"), ("冷轧板", "钢板"),
])
def test_a_kind_points_one_way_at_its_family(kind, family):
    assert family in thesaurus.synonyms(kind)
    assert kind not in thesaurus.synonyms(family)


@pytest.mark.parametrize("one, other", [
    # different trades a buyer would not take in place of each other
    ("钣金", "冲压"), ("钣金", "铸造"), ("冲压", "铸造"), ("铸造", "锻造"), ("压铸", "铸造"),
    ("注塑", "压铸"), ("焊接", "钣金"), ("电镀", "喷涂"),
    # one word, two meanings on a shop floor: tie it to neither or to one sense only
    ("工装", "工作服"),          # 工装 here is a fixture (工装夹具)
    ("冷干机", "冷冻干燥机"),    # a compressed-air dryer is not a lyophiliser
    ("螺杆机", "螺栓"),          # 螺杆机 is a screw compressor
    ("切削液", "防冻液"),
    ("投影仪", "影像测量仪"),    # an office projector is not a measuring projector
    ("气管", "气管炎"),
    ("二次元", "影像测量仪"),   # QC slang in the south, but anime to a creative-industry firm
    ("物流专线", "网络专线"),
])
def test_different_things_stay_apart(one, other):
    assert other not in thesaurus.synonyms(one) and one not in thesaurus.synonyms(other)


def test_no_term_sits_in_two_groups_that_do_not_overlap():
    # A term in two equivalence groups that share nothing else usually means one word was used in
    # two senses (螺杆: a bolt, or the screw of a compressor): each group then drags in the other.
    groups: dict[str, list[set[str]]] = {}
    for raw in thesaurus.BUNDLED.read_text(encoding="utf-8").splitlines():
        text = thesaurus._term(raw.split("#", 1)[0]).strip()
        if text and thesaurus.ARROW not in text:
            members = set(thesaurus._terms(text))
            for term in members:
                groups.setdefault(term, []).append(members)
    clashes = {term: lines for term, lines in groups.items()
               if len(lines) > 1 and any(not (a & b) - {term} for a in lines for b in lines if a is not b)}
    assert set(clashes) <= ALLOWED_BRIDGES, sorted(set(clashes) - ALLOWED_BRIDGES)


# Terms reviewed by hand: their groups are two faces of one thing, not two senses.
ALLOWED_BRIDGES = {
    "宽带",        # 光纤 宽带 / 宽带 互联网专线: the same line, named by medium or by contract
    "数控车床",    # 车床 数控车床 / 数控车床 cnc车床
    "冷藏库",      # 冷库 冷藏库 … / 冷藏库 保鲜库
    "注册商标",    # 商标 注册商标 / 商标注册 注册商标: the mark and the act of registering it
}


def test_colloquial_requests_reach_the_catalogue_words():
    assert "注塑机" in thesaurus.expand(tokens("厂里两台啤机坏了，找人修"))
    assert "轴承" in thesaurus.expand(tokens("找一家卖培林的"))
    assert "空气压缩机" in thesaurus.expand(tokens("气泵老是漏气"))
    assert "托盘" in thesaurus.expand(tokens("要买一批卡板"))
    assert "加工中心" in thesaurus.expand(tokens("有没有电脑锣加工的厂"))
