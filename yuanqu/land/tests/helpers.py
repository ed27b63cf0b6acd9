"""Shapes and plots for land tests (a 0.001° square at 36° N is 15.01 亩)."""

from yuanqu.land import services

LON, LAT = 120.0, 36.0
STEP = 0.001


def square(lon=LON, lat=LAT, size=STEP):
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + size, lat], [lon + size, lat + size],
                                                [lon, lat + size], [lon, lat]]]}


def cell(i, j=0, size=STEP):
    """The square at column i, row j of a grid of touching squares."""
    return square(LON + i * size, LAT + j * size, size)


def make_plot(park, actor, code, i=0, j=0, **fields):
    return services.create_plot(park, actor=actor, code=code, geometry=cell(i, j), **fields)
