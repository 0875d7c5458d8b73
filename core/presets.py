"""Walkability presets: which network features a person on foot may use.

The preset is chosen from the fields a layer has (a ``highway`` field means OpenStreetMap,
``function`` / ``formOfWay`` mean OS Open Roads) unless the user picks one.
"""

import re
from typing import Iterable, List, Mapping, Optional

from .definitions import PRESET_AUTOMATIC, PRESET_NONE, PRESET_OS_OPEN_ROADS, PRESET_OSM
from .errors import QT_TRANSLATE_NOOP, TRANSLATION_CONTEXT

# Names for the log (translated by the algorithms).
PRESET_NAMES = {PRESET_NONE: QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "none"),
                PRESET_OSM: QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "OpenStreetMap"),
                PRESET_OS_OPEN_ROADS: QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "OS Open Roads")}

_OSM_ROADS = ("primary", "secondary", "tertiary", "unclassified", "residential", "service")
OSM_WALKABLE = frozenset(
    ("footway", "path", "pedestrian", "steps", "living_street", "cycleway", "track",
     "bridleway", "corridor", "platform", "elevator", "trail")
    + _OSM_ROADS + tuple(f"{road}_link" for road in _OSM_ROADS if road in
                         ("primary", "secondary", "tertiary")))
OSM_NOT_WALKABLE = frozenset(("motorway", "motorway_link", "trunk", "trunk_link",
                              "construction", "proposed", "raceway"))
STEP_FREE_EXCLUDED = frozenset(("steps", "elevator"))
_NO_ACCESS = frozenset(("private", "no"))
_FOOT_ALLOWED = frozenset(("yes", "designated", "permissive"))
_TAG = re.compile(r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"')


# OS Open Roads spells its fields differently in its shapefile, GML and GeoPackage forms.
OS_FUNCTION_FIELDS = ("function", "roadfunction", "road_function")
OS_FORM_OF_WAY_FIELDS = ("formofway", "form_of_way")


def detect_preset(field_names: Iterable[str]) -> int:
    """The preset for a layer with these fields (PRESET_OSM, PRESET_OS_OPEN_ROADS or NONE)."""
    names = {name.lower() for name in field_names}
    if "highway" in names:
        return PRESET_OSM
    if names & set(OS_FUNCTION_FIELDS + OS_FORM_OF_WAY_FIELDS):
        return PRESET_OS_OPEN_ROADS
    return PRESET_NONE


def resolve_preset(requested: int, field_names: Iterable[str]) -> int:
    """The preset to apply: the requested one, or the detected one for PRESET_AUTOMATIC."""
    return detect_preset(field_names) if requested == PRESET_AUTOMATIC else requested


def preset_fields(preset: int) -> List[str]:
    """Attribute names (lower case) the preset reads."""
    if preset == PRESET_OSM:
        return ["highway", "access", "foot", "other_tags"]
    if preset == PRESET_OS_OPEN_ROADS:
        return list(OS_FUNCTION_FIELDS + OS_FORM_OF_WAY_FIELDS)
    return []


def parse_other_tags(text: Optional[str]) -> dict:
    """Tags from GDAL's OSM ``other_tags`` string (``"key"=>"value",...``)."""
    if not text:
        return {}
    return {key: value for key, value in _TAG.findall(str(text))}


def _text(value) -> str:
    return "" if value is None else str(value).strip().lower()


def unwalkable_reason(preset: int, attributes: Mapping[str, object],
                      step_free: bool = False) -> Optional[str]:
    """Why a feature is not walkable under ``preset`` (e.g. "highway=motorway"), or None.

    ``attributes`` maps lower-case field names to values. Under OpenStreetMap, a way
    tagged access=private|no stays walkable when foot=yes|designated|permissive says
    pedestrians may use it (OSM's own rule); foot=no always excludes it.
    """
    if preset == PRESET_OSM:
        tags = parse_other_tags(attributes.get("other_tags"))
        highway = _text(attributes.get("highway"))
        access = _text(attributes.get("access") or tags.get("access"))
        foot = _text(attributes.get("foot") or tags.get("foot"))
        if highway not in OSM_WALKABLE:
            return f"highway={highway or 'NULL'}"
        if step_free and highway in STEP_FREE_EXCLUDED:
            return f"highway={highway} (step-free)"
        if foot == "no":
            return "foot=no"
        if access in _NO_ACCESS and foot not in _FOOT_ALLOWED:
            return f"access={access}"
        return None
    if preset == PRESET_OS_OPEN_ROADS:
        if any(_text(attributes.get(name)) == "motorway" for name in OS_FUNCTION_FIELDS):
            return "function=Motorway"
        return None
    return None
