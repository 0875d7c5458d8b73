"""Area profiles: scored origins summed by zone (ward, LSOA) beside deprivation.

Origins belong to the zone holding their point (a polygon origin's point on its surface);
an origin on the shared edge of two zones goes to the lower-numbered zone, and one outside
every zone to none. Shares are of the people whose origins were scored: unreached origins
count in a zone's population but not in its shares, its desert population or its score.
"""

from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence

import numpy as np
from shapely.geometry.base import BaseGeometry

from .deserts import ScoredUnits, desert_flags, locate_in_polygons, unit_points
from .errors import QT_TRANSLATE_NOOP, TRANSLATION_CONTEXT, InputError

DEFAULT_MOST_DEPRIVED = 3.0
DEFAULT_PRIORITY_DESERT_SHARE = 10.0
# Reports show people counts below this as "<10" (zero is shown as it is).
SMALL_COUNT = 10
# Decimals of the shares and scores written to the area profile's fields.
SHARE_DIGITS = 2


@dataclass
class ZoneProfile:
    """One zone's figures; shares and scores are None where no scored person lives."""

    population: float
    unreached_pop: float
    shares: List[Optional[float]]   # % of scored people within reach, per kind
    desert_pop: float
    desert_share: Optional[float]
    mean_score: Optional[float]
    priority: int = 0


def zone_of_units(zones: Sequence[Optional[BaseGeometry]], units: ScoredUnits,
                  cancelled: Callable[[], bool] = lambda: False) -> np.ndarray:
    """Index of the zone holding each unit's point, -1 for none."""
    return locate_in_polygons(zones, unit_points(units.shapes), cancelled)


def _share(part: np.ndarray, whole: np.ndarray) -> List[Optional[float]]:
    """100 * part / whole per zone, None where whole is 0."""
    return [100.0 * p / w if w > 0 else None for p, w in zip(part.tolist(), whole.tolist())]


def profile_zones(zone_of: np.ndarray, units: ScoredUnits, zone_count: int, min_missing: int,
                  min_population: float) -> List[ZoneProfile]:
    """Per zone: population (all origins), population of unreached origins, the share of
    scored people within reach of each kind (an origin's people count by its own share
    within reach when the units know it, else all in or all out by ``ok``), people in
    deserts (``unit_is_desert``) and their share, and the population-weighted mean score
    (a plain mean without a population field, since every origin then counts 1).
    ``priority`` is left at 0."""
    zone_of = np.asarray(zone_of, dtype=np.int64)
    inside = zone_of >= 0
    zone = zone_of[inside]
    people = units.people[inside]
    scored = units.scored[inside]

    def total(values: np.ndarray) -> np.ndarray:
        return np.bincount(zone, weights=values, minlength=zone_count)[:zone_count]

    population = total(people)
    scored_people = people * scored
    scored_pop = total(scored_people)
    unreached_pop = population - scored_pop
    is_desert = desert_flags(units.n_missing, units.population, min_missing,
                             min_population)[inside]
    desert_pop = total(scored_people * is_desert)
    score = np.nan_to_num(units.score[inside], nan=0.0)
    mean = total(scored_people * score)
    shares = []
    within_reach = units.within_reach
    if within_reach is not None:
        reached = np.nan_to_num(within_reach[inside], nan=0.0)
        shares = [_share(total(scored_people * reached[:, k]), scored_pop)
                  for k in range(len(units.kinds))]
    desert_share = _share(desert_pop, scored_pop)
    mean_score = [m / w if w > 0 else None for m, w in zip(mean.tolist(), scored_pop.tolist())]
    return [ZoneProfile(population=float(population[z]), unreached_pop=float(unreached_pop[z]),
                        shares=[share[z] for share in shares], desert_pop=float(desert_pop[z]),
                        desert_share=desert_share[z], mean_score=mean_score[z])
            for z in range(zone_count)]


def is_priority(desert_share: Optional[float], deprivation: Optional[float],
                min_desert_share: float, most_deprived: float) -> bool:
    """A priority zone: at least ``min_desert_share`` % of its scored people live in deserts
    and its deprivation value is at or below ``most_deprived`` (IMD deciles: 1 is the most
    deprived). The share is judged as the output writes it, rounded to SHARE_DIGITS
    decimals, so a zone written with the threshold share is a priority. A NULL share or
    NULL deprivation is never a priority."""
    if desert_share is None or deprivation is None:
        return False
    return round(desert_share, SHARE_DIGITS) >= min_desert_share and \
        deprivation <= most_deprived


def as_number(value) -> Optional[float]:
    """A field value as a float, None for NULL or anything that is not a finite number."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if np.isfinite(number) else None


def people_text(count: Optional[float]) -> str:
    """A people count for reports: whole people, "<10" for 1-9, "0" for none."""
    if count is None:
        return ""
    people = int(round(count))
    if people == 0 and count <= 0:
        return "0"
    if people < SMALL_COUNT:
        return f"<{SMALL_COUNT}"
    return f"{people:,}"


def check_population(people: Sequence[float], ids: Sequence[object], field: str,
                     layer: str, examples: int = 10) -> None:
    """Raise InputError when any count of people is negative: shares and deserts built on
    them would read below 0% or above 100%. Names how many, and a few feature ids."""
    values = np.asarray(people, dtype=float)
    with np.errstate(invalid="ignore"):
        negative = np.flatnonzero(values < 0)
    if len(negative):
        raise InputError(QT_TRANSLATE_NOOP(
            TRANSLATION_CONTEXT,
            "POPULATION_FIELD \"{field}\" of \"{layer}\" holds negative numbers of people: "
            "{count} (feature ids {ids}). Correct them, or leave them empty (counted as no "
            "people)."),
            field=field, layer=layer, count=len(negative),
            ids=", ".join(str(ids[i]) for i in negative[:examples]))
