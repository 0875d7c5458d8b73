"""Named defaults, enumerations and limits shared by the engine and the algorithms.

One home for the numbers, so algorithm code carries no magic values.
"""

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

DEFAULT_WALK_SPEED_KMH = 4.8
SLOW_WALK_SPEED_KMH = 3.2
DEFAULT_MAX_SNAP_M = 250.0
DEFAULT_TRIM_M = 50.0
DEFAULT_CONNECT_TOLERANCE_M = 0.0
DEFAULT_CATCHMENT_THRESHOLDS = "5,10"
DEFAULT_SCORE_THRESHOLD = "10"
DEFAULT_MIN_MISSING = 3
DEFAULT_NEAR_DISTANCE_M = 5.0
# networkcheck flags components holding less than this share of the network's length.
SMALL_COMPONENT_SHARE = 0.05

# A polygon asset is entered from any network location within this distance of it.
POLYGON_ENTRY_TOLERANCE_M = 5.0
# accessscore searches this many times each kind's threshold before calling it unreachable.
SEARCH_BOUND_FACTOR = 3.0
# Coordinates closer than this are the same junction (metres).
JUNCTION_PRECISION_M = 0.001
# Segments per quarter circle when buffering: inscribed polygons never overreach.
BUFFER_QUAD_SEGMENTS = 4
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
