"""Plot geometry without a database: parsing, validity in Chinese, area, tolerance, overlaps."""

import json
import math
from decimal import Decimal

import pytest

from yuanqu.land import geometry as g


def square(lon, lat, size=0.001):
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + size, lat], [lon + size, lat + size],
                                                [lon, lat + size], [lon, lat]]]}


def ellipsoid_rectangle_m2(lon1, lat1, lon2, lat2):
    """Closed-form area of a longitude/latitude rectangle on the WGS84 ellipsoid."""
    a, e2 = g.WGS84_A, g.WGS84_E2
    e = math.sqrt(e2)

    def q(lat):
        s = math.sin(math.radians(lat))
        return s / (1 - e2 * s * s) + math.log((1 + e * s) / (1 - e * s)) / (2 * e)

    return a * a * (1 - e2) / 2 * math.radians(lon2 - lon1) * (q(lat2) - q(lat1))


def error_of(parse_input):
    with pytest.raises(g.GeometryError) as info:
        g.parse(parse_input)
    return str(info.value)


def test_a_valid_square_has_its_area_in_mu_and_its_bbox():
    shape = g.parse(square(120.0, 36.0))
    truth = ellipsoid_rectangle_m2(120.0, 36.0, 120.001, 36.001)
    assert abs(shape.area_m2 / truth - 1) < 1e-6
    assert shape.area_mu == Decimal("15.01")  # 10,004.41 m² / 666.67
    assert shape.bbox == (120.0, 36.0, 120.001, 36.001)
    assert shape.geojson["type"] == "Polygon"


@pytest.mark.parametrize("box", [(120.0, 36.0, 120.09, 36.09), (0.0, -0.05, 0.1, 0.05),
                                 (10.0, 60.0, 10.1, 60.05)])
def test_ten_kilometre_plots_are_within_a_millionth_of_the_ellipsoid_area(box):
    lon1, lat1, lon2, lat2 = box
    poly = {"type": "Polygon", "coordinates": [[[lon1, lat1], [lon2, lat1], [lon2, lat2], [lon1, lat2],
                                                [lon1, lat1]]]}
    assert abs(g.parse(poly).area_m2 / ellipsoid_rectangle_m2(*box) - 1) < 1e-6


def test_a_bow_tie_is_refused_naming_the_crossing_point():
    ring = [[120, 36], [120.01, 36.01], [120.01, 36], [120, 36.01], [120, 36]]
    bow = {"type": "Polygon", "coordinates": [ring]}
    message = error_of(bow)
    assert "自相交" in message and "120.005" in message and "36.005" in message


def test_an_unclosed_ring_is_refused_naming_the_ring():
    ring = square(120, 36)["coordinates"][0][:-1] + [[120.0005, 36.0]]
    message = error_of({"type": "Polygon", "coordinates": [ring]})
    assert "外边界" in message and "未闭合" in message


def test_a_ring_needs_four_positions():
    message = error_of({"type": "Polygon", "coordinates": [[[120, 36], [120.1, 36], [120, 36]]]})
    assert "至少需要 4 个点" in message and "3" in message


@pytest.mark.parametrize("pos, words", [([200, 36], "经度 200"), ([120, 95], "纬度 95"), (["a", 36], "数字"),
                                        ([120], "[经度, 纬度]")])
def test_bad_positions_name_the_point(pos, words):
    ring = [[120, 36], pos, [120.001, 36.001], [120, 36.001], [120, 36]]
    message = error_of({"type": "Polygon", "coordinates": [ring]})
    assert words in message and "第 2 个点" in message


def test_a_multipolygon_adds_its_parts():
    two = {"type": "MultiPolygon", "coordinates": [square(120, 36)["coordinates"],
                                                   square(120.002, 36)["coordinates"]]}
    shape = g.parse(two)
    assert shape.geojson["type"] == "MultiPolygon"
    assert abs(shape.area_m2 - 2 * g.parse(square(120, 36)).area_m2) < 0.5


def test_overlapping_parts_of_a_multipolygon_are_refused():
    two = {"type": "MultiPolygon", "coordinates": [square(120, 36)["coordinates"],
                                                   square(120.0005, 36)["coordinates"]]}
    assert "自相交" in error_of(two)


def test_a_feature_and_a_one_feature_collection_give_their_geometry():
    feature = {"type": "Feature", "properties": {"code": "A-01"}, "geometry": square(120, 36)}
    assert g.parse(feature).geojson == g.parse(square(120, 36)).geojson
    collection = {"type": "FeatureCollection", "features": [feature]}
    assert g.parse(json.dumps(collection)).area_mu == Decimal("15.01")
    assert "2" in error_of({"type": "FeatureCollection", "features": [feature, feature]})


UNUSABLE = [("", "缺少"), ("{oops", "JSON"), ({"type": "Point", "coordinates": [1, 2]}, "Point"),
            ({"type": "Feature", "geometry": None}, "几何"), ([1, 2], "type")]


@pytest.mark.parametrize("value, words", UNUSABLE)
def test_unusable_input_says_why(value, words):
    assert words in error_of(value)


def test_a_zero_area_polygon_is_refused():
    flat = {"type": "Polygon", "coordinates": [[[120, 36], [120.001, 36], [120.002, 36], [120, 36]]]}
    message = error_of(flat)
    assert message  # shapely calls a degenerate ring invalid or the area check refuses it


def test_an_altitude_is_dropped():
    ring = [[*p, 12.5] for p in square(120, 36)["coordinates"][0]]
    assert g.parse({"type": "Polygon", "coordinates": [ring]}).geojson == g.parse(square(120, 36)).geojson


def test_area_tolerance_is_two_percent_or_a_tenth_of_a_mu():
    g.check_area(Decimal("15.30"), Decimal("15.01"))  # 0.29 ≤ 2 % of 15.01 = 0.30
    with pytest.raises(g.GeometryError, match="15.40"):
        g.check_area(Decimal("15.40"), Decimal("15.01"))
    g.check_area(Decimal("1.10"), Decimal("1.00"))  # 2 % is 0.02; the 0.1 亩 floor applies
    with pytest.raises(g.GeometryError):
        g.check_area(Decimal("1.11"), Decimal("1.00"))
    g.check_area(Decimal("20"), Decimal("15.01"), {"ratio": 0.5, "mu": 0})


def test_touching_plots_do_not_overlap_but_sharing_area_does():
    a = g.parse(square(120, 36)).shape
    right = g.parse(square(120.001, 36)).shape  # shares the east edge
    corner = g.parse(square(120.001, 36.001)).shape
    half = g.parse(square(120.0005, 36)).shape
    found = g.overlaps(a, [("B", right), ("C", corner), ("D", half)])
    assert [label for label, _m2 in found] == ["D"]
    assert abs(found[0][1] - g.parse(square(120, 36)).area_m2 / 2) < 1
    assert "D" in g.overlap_message(found)


def test_a_sliver_below_the_epsilon_is_not_an_overlap():
    a = g.parse(square(120, 36)).shape
    sliver = g.parse(square(120.001 - 1e-9, 36)).shape  # 0.1 mm × 111 m
    assert g.overlaps(a, [("B", sliver)]) == []


def test_pairwise_overlaps_find_each_pair_once():
    shapes = [g.parse(square(120 + i * 0.001, 36)).shape for i in range(5)]
    shapes.append(g.parse(square(120.0025, 36)).shape)  # straddles plots 2 and 3
    assert [(i, j) for i, j, _m2 in g.pairwise_overlaps(shapes)] == [(2, 5), (3, 5)]
