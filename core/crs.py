"""Choosing a working CRS in metres."""

from pyproj.aoi import AreaOfInterest
from pyproj.database import query_utm_crs_info


def local_utm_epsg(longitude: float, latitude: float) -> int:
    """EPSG code of the WGS 84 UTM zone that holds the point (degrees)."""
    found = query_utm_crs_info(
        datum_name="WGS 84",
        area_of_interest=AreaOfInterest(longitude, latitude, longitude, latitude))
    if found:
        return int(found[0].code)
    zone = int((longitude + 180.0) // 6.0) % 60 + 1
    return (32600 if latitude >= 0 else 32700) + zone

