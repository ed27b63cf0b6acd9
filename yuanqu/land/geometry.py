"""Plot geometry (pure, no database): parse and check GeoJSON, area in 亩, bounding box, overlaps.

Input is a GeoJSON Polygon or MultiPolygon in longitude/latitude (WGS84 or CGCS2000, which agree
to centimetres), or a Feature, or a FeatureCollection of exactly one Feature (its geometry is
taken). Each ring must be closed, have at least 4 positions and lie within [-180, 180] ×
[-90, 90]; the shape must not cross itself (shapely's `is_valid_reason`, reported in Chinese with
the position) and must have an area.

Area method: the shape is projected with a Lambert azimuthal equal-area projection centred on its
centroid, on a sphere whose radius is the ellipsoid's Gaussian radius of curvature sqrt(M·N) at
the centroid's latitude. The projection preserves area exactly on that sphere, and that sphere
has the WGS84 ellipsoid's local area scale at the centroid, so what is left is how the ellipsoid's
curvature changes across the plot and the straight edges drawn between projected vertices: below
10⁻⁶ (0.0001 %) for plots up to 10 km across (test_geometry compares 100 m and 10 km squares with
the closed-form ellipsoid area). 1 亩 = 10000/15 m².

Two plots overlap when their interiors share more than `OVERLAP_EPSILON_M2` of area; plots that
only touch along an edge or at a corner, or whose digitised edges differ by a sliver below the
epsilon, do not.
"""

import json
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import shapely
from django.utils.translation import gettext as _

M2_PER_MU = 10000 / 15
OVERLAP_EPSILON_M2 = 1.0
DEFAULT_TOLERANCE = {"ratio": 0.02, "mu": 0.1}  # recorded vs drawn area: max(2 %, 0.1 亩)
WGS84_A = 6378137.0
WGS84_E2 = 0.00669437999014
POLYGON_TYPES = ("Polygon", "MultiPolygon")
CENT = Decimal("0.01")


class GeometryError(ValueError):
    """A geometry that cannot be accepted; the message says why, in the user's language."""


@dataclass(frozen=True)
class Geometry:
    """A checked plot shape: the GeoJSON to store, the shapely shape, its area and bounding box."""

    geojson: dict
    shape: object
    area_m2: float

    @property
    def area_mu(self) -> Decimal:
        return to_mu(self.area_m2)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """(min_lon, min_lat, max_lon, max_lat)."""
        return tuple(float(v) for v in self.shape.bounds)


def to_mu(area_m2: float) -> Decimal:
    return Decimal(str(area_m2 / M2_PER_MU)).quantize(CENT, rounding=ROUND_HALF_UP)


# ---- parsing ---------------------------------------------------------------------------------------

def parse(value) -> Geometry:
    """The checked geometry of `value` (GeoJSON text or an already decoded object)."""
    obj = _decode(value)
    geometry = _unwrap(obj)
    polygons = _polygons(geometry)
    clean = [[_ring(ring, p, r) for r, ring in enumerate(rings)] for p, rings in polygons]
    kind = geometry["type"]
    geojson = {"type": kind, "coordinates": clean[0] if kind == "Polygon" else clean}
    shape = shapely.geometry.shape(geojson)
    _check_valid(shape)
    area = area_m2(shape)
    if area <= 0:
        raise GeometryError(_("The polygon has no area."))
    return Geometry(geojson=geojson, shape=shape, area_m2=area)


def _decode(value):
    if value is None or (isinstance(value, str) and not value.strip()) or value == {}:
        raise GeometryError(_("The geometry is missing."))
    if not isinstance(value, str | bytes):
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise GeometryError(_("Not valid JSON (line %(line)d, column %(col)d).")
                            % {"line": exc.lineno, "col": exc.colno}) from None
    except (UnicodeDecodeError, RecursionError):
        raise GeometryError(_("Not valid JSON.")) from None


def _unwrap(obj) -> dict:
    """The geometry object inside a Feature or a one-feature FeatureCollection."""
    if not isinstance(obj, dict) or not isinstance(obj.get("type"), str):
        raise GeometryError(_("GeoJSON must be a JSON object with a “type”."))
    if obj["type"] == "FeatureCollection":
        features = obj.get("features")
        count = len(features) if isinstance(features, list) else 0
        if count != 1:
            raise GeometryError(_("A FeatureCollection must hold exactly one feature here (it has "
                                  "%(n)d).") % {"n": count})
        return _unwrap(features[0])
    if obj["type"] == "Feature":
        if not isinstance(obj.get("geometry"), dict):
            raise GeometryError(_("The feature has no geometry."))
        return _unwrap(obj["geometry"])
    if obj["type"] not in POLYGON_TYPES:
        raise GeometryError(_("Only Polygon and MultiPolygon geometries are accepted (got %(type)s).")
                            % {"type": obj["type"][:40]})
    return obj


def _polygons(geometry) -> list[tuple[int | None, list]]:
    """[(polygon number or None for a Polygon, its rings)]."""
    coords = geometry.get("coordinates")
    if not isinstance(coords, list) or not coords:
        raise GeometryError(_("The coordinates are missing or not a list."))
    if geometry["type"] == "Polygon":
        return [(None, coords)]
    for p, rings in enumerate(coords, start=1):
        if not isinstance(rings, list) or not rings:
            raise GeometryError(_("%(where)s: the polygon has no rings.") % {"where": where(p)})
    return list(enumerate(coords, start=1))


def where(polygon=None, ring=None, point=None) -> str:
    """「第 2 个多边形 外边界 第 3 个点」: where in the geometry a problem is."""
    parts = []
    if polygon is not None:
        parts.append(_("polygon %(n)d") % {"n": polygon})
    if ring is not None:
        parts.append(_("outer ring") if ring == 0 else _("hole %(n)d") % {"n": ring})
    if point is not None:
        parts.append(_("point %(n)d") % {"n": point})
    return " ".join(parts) or _("the geometry")


def _ring(ring, polygon, index) -> list[list[float]]:
    if not isinstance(ring, list):
        raise GeometryError(_("%(where)s: a ring must be a list of positions.")
                            % {"where": where(polygon, index)})
    points = [_position(pos, polygon, index, n) for n, pos in enumerate(ring, start=1)]
    if len(points) < 4:
        raise GeometryError(_("%(where)s: a ring needs at least 4 positions (it has %(n)d).")
                            % {"where": where(polygon, index), "n": len(points)})
    if points[0] != points[-1]:
        raise GeometryError(_("%(where)s: the ring is not closed (its last position must repeat the "
                              "first).") % {"where": where(polygon, index)})
    return points


def _position(pos, polygon, ring, n) -> list[float]:
    here = where(polygon, ring, n)
    if not isinstance(pos, list | tuple) or len(pos) not in (2, 3):
        raise GeometryError(_("%(where)s: a position must be [longitude, latitude].") % {"where": here})
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in pos):
        raise GeometryError(_("%(where)s: coordinates must be numbers.") % {"where": here})
    lon, lat = float(pos[0]), float(pos[1])
    if not -180 <= lon <= 180:
        raise GeometryError(_("%(where)s: longitude %(lon)s is outside [-180, 180].")
                            % {"where": here, "lon": _num(lon)})
    if not -90 <= lat <= 90:
        raise GeometryError(_("%(where)s: latitude %(lat)s is outside [-90, 90].")
                            % {"where": here, "lat": _num(lat)})
    return [lon, lat]


def _num(value: float) -> str:
    return f"{value:.7f}".rstrip("0").rstrip(".")


# ---- validity --------------------------------------------------------------------------------------

def _check_valid(shape):
    reason = shapely.is_valid_reason(shape)
    if reason == "Valid Geometry":
        return
    name, _sep, rest = reason.partition("[")
    point = rest.rstrip("]").split()
    at = {"lon": _num(float(point[0])), "lat": _num(float(point[1]))} if len(point) >= 2 else None
    raise GeometryError(_validity_message(name.strip(), at, reason))


def _validity_messages():
    return {
        "Self-intersection": _("The boundary crosses itself at (%(lon)s, %(lat)s)."),
        "Ring Self-intersection": _("A ring touches itself at (%(lon)s, %(lat)s)."),
        "Hole lies outside shell": _("A hole lies outside the outer ring near (%(lon)s, %(lat)s)."),
        "Holes are nested": _("Holes are nested near (%(lon)s, %(lat)s)."),
        "Interior is disconnected": _("The interior is cut into pieces near (%(lon)s, %(lat)s)."),
        "Nested shells": _("Polygons of the MultiPolygon lie inside each other near (%(lon)s, %(lat)s)."),
        "Duplicate Rings": _("A ring is repeated near (%(lon)s, %(lat)s)."),
        "Too few points": _("A ring has too few distinct points near (%(lon)s, %(lat)s)."),
    }


def _validity_message(name, at, reason) -> str:
    template = _validity_messages().get(name)
    if template is None or at is None:
        return _("The geometry is not valid (%(reason)s).") % {"reason": reason[:100]}
    return template % at


# ---- area, tolerance, overlap ----------------------------------------------------------------------

def gaussian_radius(lat_deg: float) -> float:
    """sqrt(M·N) of the WGS84 ellipsoid at `lat_deg`: the sphere with its local area scale."""
    s2 = math.sin(math.radians(lat_deg)) ** 2
    return WGS84_A * math.sqrt(1 - WGS84_E2) / (1 - WGS84_E2 * s2)


def _laea(lon0, lat0, radius):
    phi0 = math.radians(lat0)
    sin0, cos0 = math.sin(phi0), math.cos(phi0)

    def project(xy):
        lam = np.radians(xy[:, 0] - lon0)
        phi = np.radians(xy[:, 1])
        k = np.sqrt(2 / (1 + sin0 * np.sin(phi) + cos0 * np.cos(phi) * np.cos(lam)))
        x = radius * k * np.cos(phi) * np.sin(lam)
        y = radius * k * (cos0 * np.sin(phi) - sin0 * np.cos(phi) * np.cos(lam))
        return np.column_stack([x, y])

    return project


def area_m2(shape, centre=None) -> float:
    """The area of a lon/lat shape in m² (equal-area projection about `centre` or its centroid)."""
    if shape.is_empty:
        return 0.0
    c = centre or shape.centroid
    lon0, lat0 = (c.x, c.y) if hasattr(c, "x") else c
    return float(shapely.transform(shape, _laea(lon0, lat0, gaussian_radius(lat0))).area)


def tolerance_mu(computed_mu: Decimal, tolerance=None) -> Decimal:
    """How far a recorded area may differ from the drawn one: max(ratio × area, mu)."""
    tol = tolerance or DEFAULT_TOLERANCE
    allowed = max(Decimal(str(tol["ratio"])) * computed_mu, Decimal(str(tol["mu"])))
    return allowed.quantize(CENT, rounding=ROUND_HALF_UP)


def check_area(recorded_mu, computed_mu: Decimal, tolerance=None):
    """GeometryError when the recorded area and the geometry's differ by more than the tolerance."""
    allowed = tolerance_mu(computed_mu, tolerance)
    if abs(Decimal(recorded_mu) - computed_mu) > allowed:
        raise GeometryError(_(
            "The recorded area %(recorded)s mu differs from the drawn area %(computed)s mu by more "
            "than the tolerance of %(allowed)s mu.") % {
            "recorded": Decimal(recorded_mu).quantize(CENT), "computed": computed_mu, "allowed": allowed})


# Shared areas below this many square degrees are under OVERLAP_EPSILON_M2 at any latitude (a square
# degree is at most (6,400 km × π/180)² of ground), so only the rest need the projected area.
_TINY_DEG2 = OVERLAP_EPSILON_M2 / (6_400_000 * math.pi / 180) ** 2


def _shared(a, b) -> list[tuple[int, float]]:
    """(index, shared m²) where the paired shapes of the arrays `a` and `b` share more than the epsilon."""
    pieces = shapely.intersection(a, b)
    rough = np.flatnonzero(shapely.area(pieces) > _TINY_DEG2)
    found = [(int(k), area_m2(pieces[k], shapely.centroid(a[k]))) for k in rough]
    return [(k, m2) for k, m2 in found if m2 > OVERLAP_EPSILON_M2]


def overlaps(shape, others) -> list[tuple[object, float]]:
    """[(label, shared m²)] of the `others` [(label, shape)] whose interiors share area with `shape`."""
    others = list(others)
    if not others:
        return []
    candidates = np.array([g for _label, g in others], dtype=object)
    shapely.prepare(shape)
    hits = np.flatnonzero(shapely.intersects(shape, candidates))
    mine = np.array([shape] * len(hits), dtype=object)
    return [(others[hits[k]][0], m2) for k, m2 in _shared(mine, candidates[hits])]


def overlap_message(found) -> str:
    """「与地块 A-01、A-02 重叠（重叠面积约 120 平方米）」."""
    labels = "、".join(str(label) for label, _area in found)
    total = sum(area for _label, area in found)
    return _("Overlaps plot %(plots)s (about %(area)s m² in common).") % {
        "plots": labels, "area": f"{total:,.0f}"}


def pairwise_overlaps(shapes) -> list[tuple[int, int, float]]:
    """(i, j, shared m²) for every pair of `shapes` whose interiors share area (i < j); an STRtree
    finds the candidate pairs and the intersections are computed in one vectorised call."""
    if len(shapes) < 2:
        return []
    shapes = np.asarray(shapes, dtype=object)
    left, right = shapely.STRtree(shapes).query(shapes, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    return [(int(left[k]), int(right[k]), m2) for k, m2 in _shared(shapes[left], shapes[right])]
