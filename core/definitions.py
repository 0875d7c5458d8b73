"""Named defaults, enumerations and limits shared by the engine and the algorithms.

One home for the numbers, so algorithm code carries no magic values.
"""

import re

PROVIDER_ID = "assetgaps"

# Cost types (COST_TYPE enum values).
COST_TIME = 0
COST_DISTANCE = 1
COST_TYPE_NAMES = {COST_TIME: "time_min", COST_DISTANCE: "distance_m"}

# Overlap modes (OVERLAP enum values in assetgaps:catchments).
OVERLAP_PER_FACILITY = 0
OVERLAP_MERGED = 1
OVERLAP_RINGS = 2

# Network presets (NETWORK_PRESET enum values).
PRESET_AUTOMATIC = 0
PRESET_NONE = 1
PRESET_OSM = 2
PRESET_OS_OPEN_ROADS = 3

# How polygon origins are judged (POLYGON_ORIGINS enum values in accessscore and scenario).
POLYGON_BY_AREA = 0
POLYGON_AT_POINT = 1

DEFAULT_WALK_SPEED_KMH = 4.8
SLOW_WALK_SPEED_KMH = 3.2
DEFAULT_MAX_SNAP_M = 250.0
DEFAULT_TRIM_M = 50.0
DEFAULT_CONNECT_TOLERANCE_M = 0.0
DEFAULT_CATCHMENT_THRESHOLDS = "5,10"
# accessscore / scenario THRESHOLDS: empty = each kind's reach threshold from its name.
DEFAULT_SCORE_THRESHOLD = ""
DEFAULT_MIN_MISSING = 3
DEFAULT_NEAR_DISTANCE_M = 5.0
# bestsites: what counts as within reach of a site (cost unit), and how many to choose.
DEFAULT_SITE_THRESHOLD = 10.0
DEFAULT_N_SITES = 5
# networkcheck flags components holding less than this share of the network's length.
SMALL_COMPONENT_SHARE = 0.05

# Ground heights (DEM): how strongly slope slows walking (1 = Tobler's hiking function,
# 0 = slope ignored), the largest factor accepted, and the longest stretch of an edge
# walked at one gradient (edges are sampled at every vertex and at most this far apart).
DEFAULT_SLOPE_FACTOR = 1.0
MAX_SLOPE_FACTOR = 10.0
SLOPE_SAMPLE_SPACING_M = 10.0
# The DEM is read under the network's extent grown by this many cells; a part larger than
# MAX_DEM_CELLS cells (200 MB of float32) is read coarser.
DEM_MARGIN_CELLS = 2
MAX_DEM_CELLS = 50_000_000
# catchments log the area within the first threshold with and without slope (a second
# polygon) while the flat catchment reaches at most this many parts of streets; beyond,
# the length of street reached (a second search only).
SLOPE_EFFECT_MAX_AREA_PARTS = 20_000

# A polygon asset is entered from any network location within this distance of it.
POLYGON_ENTRY_TOLERANCE_M = 5.0
# accessscore searches this many times each kind's threshold before calling it unreachable.
SEARCH_BOUND_FACTOR = 3.0
# Coordinates closer than this are the same junction (metres).
JUNCTION_PRECISION_M = 0.001
# Segments per quarter circle when buffering: inscribed polygons never overreach.
BUFFER_QUAD_SEGMENTS = 4
# A polygon origin is within reach of a kind when at least this share (%) of its people
# is (the majority rule behind K_ok, n_reached and missing).
MAJORITY_SHARE = 50.0
# Kind names become field-name prefixes of at most this many characters.
MAX_KIND_NAME_LENGTH = 20


def metres_per_minute(walk_speed_kmh: float) -> float:
    """Walking speed in metres per minute."""
    return walk_speed_kmh * 1000.0 / 60.0


def cost_to_metres(cost: float, cost_type: int, walk_speed_kmh: float) -> float:
    """Convert a cost in the unit of ``cost_type`` (minutes or metres) to metres walked."""
    if cost_type == COST_TIME:
        return cost * metres_per_minute(walk_speed_kmh)
    return cost


def metres_to_cost(metres: float, cost_type: int, walk_speed_kmh: float) -> float:
    """Convert metres walked to a cost in the unit of ``cost_type``."""
    if cost_type == COST_TIME:
        return metres / metres_per_minute(walk_speed_kmh)
    return metres


# The kinds of asset the plugin recognises by name, with their catchment breaks in minutes'
# walk. The first seven are the St Helens study's own; parks are judged like play areas,
# and pharmacies, dentists and schools like GP surgeries and libraries. A kind is scored
# by its reach threshold, which is its OUTER break (10 minutes for play areas, parks and
# retail centres, 20 for the rest). A layer is recognised by the words of its name: a
# keyword matches a word equal to it or its plural, a keyword ending in "*" any word it
# begins, and a keyword of several words those words in a row. The first kind that
# matches wins, so food banks are tested before food retail.
ST_HELENS_KINDS = (
    ("food_bank", ("food bank", "foodbank"), (10, 20)),
    ("play", ("play", "playground", "playspace", "park", "green space", "greenspace"),
     (5, 10)),
    ("retail", ("retail", "shop*", "food", "supermarket", "convenience", "grocer*"), (5, 10)),
    ("sports_leisure", ("sport*", "leisure", "gym", "fitness", "swimming", "pool"), (10, 20)),
    ("community", ("community",), (10, 20)),
    ("gp", ("gp", "doctor", "surger*", "medical", "health centre"), (10, 20)),
    ("library", ("librar*",), (10, 20)),
    ("pharmacy", ("pharmac*", "chemist*"), (10, 20)),
    ("dentist", ("dentist*", "dental"), (10, 20)),
    ("school", ("school*", "academy", "academies"), (10, 20)),
)
# The reach threshold (minutes) and weight the dialog offers for a kind it does not know.
UNKNOWN_KIND_THRESHOLD_MIN = 10.0
# In distance mode the minutes above are walked at the default speed: 10 minutes = 800 m.
DEFAULT_KIND_WEIGHT = 1.0


def _name_words(name: str) -> list:
    return re.findall(r"[a-z0-9]+", name.lower())


def _word_matches(keyword: str, word: str) -> bool:
    if keyword.endswith("*"):
        return word.startswith(keyword[:-1])
    return word in (keyword, keyword + "s", keyword + "es")


def st_helens_kind(name: str):
    """(kind key, breaks in minutes) of the St Helens kind a layer name refers to, or None.

    >>> st_helens_kind("libraries")
    ('library', (10, 20))
    >>> st_helens_kind("Food banks (2023)")
    ('food_bank', (10, 20))
    """
    words = _name_words(name)
    for kind, keywords, breaks in ST_HELENS_KINDS:
        for keyword in keywords:
            parts = keyword.split()
            for start in range(len(words) - len(parts) + 1):
                if all(_word_matches(part, words[start + i]) for i, part in enumerate(parts)):
                    return kind, breaks
    return None


def reach_threshold_minutes(name: str) -> float:
    """The reach threshold the dialog offers for a layer name: the outer St Helens break of
    the kind it names (10 or 20 minutes), else UNKNOWN_KIND_THRESHOLD_MIN."""
    match = st_helens_kind(name)
    return float(match[1][-1]) if match else UNKNOWN_KIND_THRESHOLD_MIN


def default_reach_threshold(names, cost_type: int):
    """(threshold in the unit of ``cost_type``, recognised kind key or None) for a kind
    named by any of ``names`` (its given name, its layer's name): the reach threshold of
    the first recognised name, else 10 minutes; in distance mode the minutes are walked at
    DEFAULT_WALK_SPEED_KMH (10 minutes = 800 m, 20 minutes = 1600 m).

    >>> default_reach_threshold(["parks"], COST_TIME)
    (10.0, 'play')
    >>> default_reach_threshold(["Dentists"], COST_DISTANCE)
    (1600.0, 'dentist')
    """
    minutes, key = UNKNOWN_KIND_THRESHOLD_MIN, None
    for name in names:
        match = st_helens_kind(name or "")
        if match:
            minutes, key = float(match[1][-1]), match[0]
            break
    if cost_type == COST_TIME:
        return minutes, key
    return round(minutes * metres_per_minute(DEFAULT_WALK_SPEED_KMH), 6), key


# Words of a field name that say it holds a place's name (English, Finnish, Welsh).
NAME_FIELD_WORDS = ("name", "nimi", "enw", "title", "label")


def name_like_field(field_names):
    """The first field whose name is, or contains as a word, a NAME_FIELD_WORDS word
    ("name", "site_name", "NIMI"), else ''.

    >>> name_like_field(["fid", "osm_id", "name"])
    'name'
    >>> name_like_field(["id", "population"])
    ''
    """
    for word in NAME_FIELD_WORDS:
        for field in field_names:
            if word in _name_words(field.replace("_", " ")):
                return field
    return ""
