"""Output field names and the values of the fields that say what happened to a unit.

Models, scripts, reports and the layer styles read these names, so they never change;
the engine, the algorithms and the dialogs all take them from here.
"""

# status of a scored origin
STATUS_OK = "ok"
STATUS_UNREACHED = "unreached"

# change of a scenario origin (assetgaps:scenario OUTPUT)
CHANGE_GAINED = "gained"
CHANGE_LOST = "lost"
CHANGE_SAME = "same"

# assetgaps:catchments OUTPUT and OUTPUT_LINES
FACILITY_ID = "facility_id"
THRESHOLD = "threshold"
COST_TYPE = "cost_type"
AREA_M2 = "area_m2"
COST_START = "cost_start"
COST_END = "cost_end"

# assetgaps:accessscore OUTPUT (after the per-kind K_cost / K_ok / K_limit) and OUTPUT_SURFACE
STATUS = "status"
N_REACHED = "n_reached"
N_MISSING = "n_missing"
MISSING = "missing"
REACHED = "reached"
SCORE = "score"
POPULATION = "population"
ORIGIN_SCORE_FIELDS = (STATUS, N_REACHED, N_MISSING, MISSING, SCORE)
# written after ORIGIN_SCORE_FIELDS: the unit of every K_cost and K_limit ('time_min' or
# 'distance_m'); older outputs lack it
ORIGIN_UNIT_FIELD = COST_TYPE
SURFACE_FIELDS = (N_REACHED, REACHED, MISSING)

# assetgaps:deserts OUTPUT
DESERT_ID = "desert_id"
AREA_HA = "area_ha"
N_UNITS = "n_units"
MEAN_SCORE = "mean_score"
RANK = "rank"
DESERT_FIELDS = (DESERT_ID, AREA_HA, POPULATION, N_UNITS, MISSING, MEAN_SCORE, RANK)
# what a report needs of a deserts layer
DESERT_REPORT_FIELDS = (RANK, AREA_HA, POPULATION, MISSING, MEAN_SCORE)

# assetgaps:areaprofile OUTPUT (after the zone's own fields and the per-kind K_share)
DESERT_POP = "desert_pop"
DESERT_SHARE = "desert_share"
PRIORITY = "priority"
UNREACHED_POP = "unreached_pop"
PROFILE_FIELDS_AFTER_SHARES = (DESERT_POP, DESERT_SHARE, MEAN_SCORE, PRIORITY, UNREACHED_POP)

# assetgaps:scenario outputs
KIND = "kind"
CHANGE = "change"
N_MISSING_BEFORE = "n_missing_before"
N_MISSING_AFTER = "n_missing_after"
SCORE_BEFORE = "score_before"
SCORE_AFTER = "score_after"
POP_BEFORE = "pop_before"
POP_AFTER = "pop_after"
POP_CHANGE = "pop_change"
DESERT_POP_BEFORE = "desert_pop_before"
DESERT_POP_AFTER = "desert_pop_after"
MEAN_SCORE_BEFORE = "mean_score_before"
MEAN_SCORE_AFTER = "mean_score_after"
AREA_TOTALS = (DESERT_POP_BEFORE, DESERT_POP_AFTER, MEAN_SCORE_BEFORE, MEAN_SCORE_AFTER)

# assetgaps:bestsites OUTPUT
POP_GAIN = "pop_gain"
CUM_POP_GAIN = "cum_pop_gain"

# assetgaps:networkcheck OUTPUT and OUTPUT_COMPONENTS
PROBLEM = "problem"
DISTANCE_M = "distance_m"
COMPONENT_ID = "component_id"
COMPONENT_LENGTH_M = "component_length_m"
PROBLEM_DANGLING = "dangling end near a line"
PROBLEM_CROSSING = "lines cross without a junction"
PROBLEM_SMALL_COMPONENT = "small component"

# per-kind fields: the kind's sanitised name, then one of these
COST_SUFFIX = "_cost"
OK_SUFFIX = "_ok"
# the reach threshold the kind was judged by, in the unit the output's cost_type names
LIMIT_SUFFIX = "_limit"
SHARE_SUFFIX = "_share"
OK_BEFORE_SUFFIX = "_ok_before"
OK_AFTER_SUFFIX = "_ok_after"
SHARE_BEFORE_SUFFIX = "_share_before"
SHARE_AFTER_SUFFIX = "_share_after"
ZONE_KIND_SUFFIXES = ("_pop_before", "_pop_after", "_pop_change")

