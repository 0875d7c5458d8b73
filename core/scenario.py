"""What-if scenarios: close some assets, build new ones, and see who gains or loses reach.

The baseline is one multi-source search per kind, as in the access score. The scenario
recomputes only the kinds that change: a kind with closed assets gets one new search from
the assets left open (and any new sites of that kind); a kind that only gains new sites
gets one search from the new sites alone, whose costs are combined with the baseline by
taking the minimum (the nearest of old and new is the nearer of the two nearest).

Unreached origins (off the network) are never scored: they are left out of every
population total and are never in a desert.
"""

from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence, Tuple

import numpy as np

from .access import Origins, Scores, nearest_costs, sanitise_kind_names, search_kind
from .attach import Seeds
from .catchments import area_within
from .deserts import desert_flags
from .errors import QT_TRANSLATE_NOOP, TRANSLATION_CONTEXT, InputError
from .fields import CHANGE_GAINED, CHANGE_LOST, CHANGE_SAME
from .network import Network
from .search import node_costs
from .shares import AreaOrigins, area_shares
from .slope import DirectedCosts

# How a kind's scenario costs were found (for the log).
KIND_UNCHANGED = "unchanged"
KIND_SEARCHED_AGAIN = "searched again"
KIND_NEW_SITES_ONLY = "new sites only"


def kind_index(name: str, kinds: Sequence[str]) -> int:
    """Position of the kind called ``name`` among the (sanitised) ``kinds``.

    ``name`` may be the kind's sanitised name or any text that sanitises to it (a layer
    name, an ASSET_NAMES entry: "GP surgeries" names ``gp_surgeries``); case is ignored.
    Raises InputError listing the kinds when none matches.
    """
    text = str(name or "").strip()
    if not text:
        raise InputError(QT_TRANSLATE_NOOP(
            TRANSLATION_CONTEXT, "ADD_KIND is empty: say which kind of asset the new sites "
                         "(ADD_SITES) are, one of {kinds}."), kinds=", ".join(kinds))
    lowered = [kind.lower() for kind in kinds]
    if text.lower() in lowered:
        return lowered.index(text.lower())
    sanitised = sanitise_kind_names([text])[0]
    if sanitised in lowered:
        return lowered.index(sanitised)
    raise InputError(QT_TRANSLATE_NOOP(
        TRANSLATION_CONTEXT, "ADD_KIND \"{name}\" is not one of the kinds of asset: give one of "
                     "{kinds}."), name=text, kinds=", ".join(kinds))


def without_facilities(seeds: Seeds, closed: np.ndarray) -> Seeds:
    """The seeds of every facility (row) not in ``closed``."""
    return seeds.subset(~np.isin(seeds.facility, np.asarray(closed, dtype=np.int64)))


def kind_costs(network: Network, seeds: Seeds, origins: Origins, bound: float,
               costs: Optional[DirectedCosts] = None) -> np.ndarray:
    """Metres from each origin to the nearest seed: one multi-source search bounded by
    ``bound`` metres (inf beyond it), over directed ``costs`` when given."""
    return nearest_costs(network, node_costs(network, seeds, bound, costs=costs), seeds,
                         origins, bound, costs)


@dataclass
class ScenarioCosts:
    """Costs (origins x kinds, metres, inf beyond each kind's bound) before and after the
    change, and how each kind's scenario costs were found (KIND_*)."""

    before: np.ndarray
    after: np.ndarray
    how: List[str]


def scenario_costs(network: Network, origins: Origins, seeds: Sequence[Seeds],
                   closed: Sequence[np.ndarray], bounds: Sequence[float],
                   added: Optional[Seeds] = None, added_kind: int = -1,
                   cancelled: Callable[[], bool] = lambda: False,
                   progress: Callable[[float], None] = lambda fraction: None,
                   costs: Optional[DirectedCosts] = None) -> Optional[ScenarioCosts]:
    """Baseline and scenario costs of every kind.

    ``seeds[k]`` are kind k's assets, ``closed[k]`` the rows (facilities) of kind k that
    close, ``bounds[k]`` how far (metres) kind k is searched; ``added`` are the new sites,
    all of kind ``added_kind``; ``costs``, directed walking costs (slopes), if any.
    Returns None when cancelled.
    """
    count = len(origins.edge)
    before = np.full((count, len(seeds)), np.inf)
    after = np.full((count, len(seeds)), np.inf)
    how = []
    added = added if added is not None else Seeds.empty()
    for k, (kind_seeds, kind_closed, bound) in enumerate(zip(seeds, closed, bounds)):
        if cancelled():
            return None
        before[:, k] = kind_costs(network, kind_seeds, origins, bound, costs)
        new_sites = added if k == added_kind and len(added) else Seeds.empty()
        if len(kind_closed):
            left = without_facilities(kind_seeds, kind_closed)
            after[:, k] = kind_costs(network, Seeds.concat([left, new_sites]), origins, bound,
                                     costs)
            how.append(KIND_SEARCHED_AGAIN)
        elif len(new_sites):
            after[:, k] = np.minimum(before[:, k],
                                     kind_costs(network, new_sites, origins, bound, costs))
            how.append(KIND_NEW_SITES_ONLY)
        else:
            after[:, k] = before[:, k]
            how.append(KIND_UNCHANGED)
        progress((k + 1) / len(seeds))
    return ScenarioCosts(before, after, how)


@dataclass
class ScenarioShares:
    """Area shares (origins x kinds, 0-100 %, NaN for origins without area) of polygon
    origins before and after the change (see ``shares.area_shares``)."""

    before: np.ndarray
    after: np.ndarray


def scenario_shares(network: Network, area: AreaOrigins, seeds: Sequence[Seeds],
                    closed: Sequence[np.ndarray], thresholds: Sequence[float], trim: float,
                    how: Sequence[str], added: Optional[Seeds] = None, added_kind: int = -1,
                    cancelled: Callable[[], bool] = lambda: False,
                    progress: Callable[[float], None] = lambda fraction: None,
                    costs: Optional[DirectedCosts] = None) -> Optional[ScenarioShares]:
    """The share of each polygon origin's (masked) area within each kind's catchment
    (``thresholds[k]`` metres, ``trim`` metres either side of the streets) before and
    after the change: one search and one catchment before, and one more after for the
    kinds that change (``how``, from ``scenario_costs``), over directed ``costs``
    (slopes) when given. Returns None when cancelled."""
    count = area.count
    before = np.full((count, len(seeds)), np.nan)
    after = np.full((count, len(seeds)), np.nan)
    added = added if added is not None else Seeds.empty()

    def shares_of(kind_seeds: Seeds, threshold: float) -> np.ndarray:
        reach = search_kind(network, kind_seeds, threshold, threshold, costs)
        return area_shares(area, area_within(network, reach.within, threshold, trim,
                                             cancelled=cancelled))

    for k, (kind_seeds, kind_closed, threshold) in enumerate(zip(seeds, closed, thresholds)):
        if cancelled():
            return None
        before[:, k] = shares_of(kind_seeds, threshold)
        new_sites = added if k == added_kind and len(added) else Seeds.empty()
        if how[k] == KIND_SEARCHED_AGAIN:
            after[:, k] = shares_of(Seeds.concat([without_facilities(kind_seeds, kind_closed),
                                                  new_sites]), threshold)
        elif how[k] == KIND_NEW_SITES_ONLY:
            after[:, k] = shares_of(Seeds.concat([kind_seeds, new_sites]), threshold)
        else:
            after[:, k] = before[:, k]
        progress((k + 1) / len(seeds))
    if cancelled():
        return None
    return ScenarioShares(before, after)


def change_labels(ok_before: np.ndarray, ok_after: np.ndarray, scored: np.ndarray
                  ) -> List[Optional[str]]:
    """Per origin: 'lost' when it loses reach of any kind, else 'gained' when it gains
    reach of any kind, else 'same'; None for origins that were not scored."""
    lost = (ok_before & ~ok_after).any(axis=1)
    gained = (ok_after & ~ok_before).any(axis=1)
    labels: List[Optional[str]] = []
    for row in range(len(scored)):
        if not scored[row]:
            labels.append(None)
        elif lost[row]:
            labels.append(CHANGE_LOST)
        elif gained[row]:
            labels.append(CHANGE_GAINED)
        else:
            labels.append(CHANGE_SAME)
    return labels


@dataclass
class GroupTotals:
    """Before/after figures per group (the whole area, or each zone), over scored origins.

    ``pop_before`` / ``pop_after`` are (groups, kinds): people within reach of each kind.
    Mean scores are people-weighted, None where a group holds no scored people.
    """

    people: np.ndarray
    pop_before: np.ndarray
    pop_after: np.ndarray
    desert_pop_before: np.ndarray
    desert_pop_after: np.ndarray
    mean_score_before: List[Optional[float]]
    mean_score_after: List[Optional[float]]

    @property
    def pop_change(self) -> np.ndarray:
        """After minus before (negative is a loss), (groups, kinds)."""
        return self.pop_after - self.pop_before


def _desert_people(n_missing: np.ndarray, scored: np.ndarray,
                   population: Optional[np.ndarray], min_missing: int,
                   min_population: float) -> np.ndarray:
    """People per origin who live in a desert (0 for the others and the unscored)."""
    missing = np.where(scored, np.asarray(n_missing, dtype=float), np.nan)
    flags = desert_flags(missing, population, min_missing, min_population)
    people = population if population is not None else np.ones(len(scored))
    return np.where(flags, people, 0.0)


@dataclass
class ScenarioScores:
    """The scores of the origins before and after the change, who is scored and how many
    people each origin holds (None: every origin counts one, and ``min_population`` is
    ignored, as in the desert rule), and the desert rule that judges both sides.

    The people within reach of a kind count each origin's people by its share within
    reach (``Scores.within_reach``): all or none for origins judged at one point, the
    fraction inside the catchment for polygon origins judged by area."""

    before: Scores
    after: Scores
    scored: np.ndarray
    population: Optional[np.ndarray]
    min_missing: int
    min_population: float

    def group_totals(self, group: np.ndarray, group_count: int) -> GroupTotals:
        """Sum the scored origins by ``group`` (index per origin, -1 for none)."""
        group = np.asarray(group, dtype=np.int64)
        inside = (group >= 0) & np.asarray(self.scored, dtype=bool)
        people = self.population if self.population is not None else np.ones(len(group))
        weight = np.where(inside, people, 0.0)
        safe_group = np.where(inside, group, 0)

        def total(values: np.ndarray) -> np.ndarray:
            return np.bincount(safe_group, weights=np.where(inside, values, 0.0),
                               minlength=group_count)[:group_count]

        def by_kind(side: Scores) -> np.ndarray:
            # the fraction 0-1 of each origin's people within reach: exactly 0 or 1 for
            # origins judged at one point, the area share for polygons judged by area
            reached = side.within_reach
            return np.column_stack([total(weight * reached[:, k])
                                    for k in range(reached.shape[1])]) \
                if reached.shape[1] else np.zeros((group_count, 0))

        def mean(score: np.ndarray) -> List[Optional[float]]:
            sums = total(weight * np.nan_to_num(np.asarray(score, dtype=float)))
            return [s / p if p > 0 else None
                    for s, p in zip(sums.tolist(), group_people.tolist())]

        def desert_people(side: Scores) -> np.ndarray:
            return total(_desert_people(side.n_missing, inside, self.population,
                                        self.min_missing, self.min_population))

        group_people = total(weight)
        return GroupTotals(
            people=group_people, pop_before=by_kind(self.before),
            pop_after=by_kind(self.after), desert_pop_before=desert_people(self.before),
            desert_pop_after=desert_people(self.after),
            mean_score_before=mean(self.before.score), mean_score_after=mean(self.after.score))


def count_changes(labels: Sequence[Optional[str]]) -> Tuple[int, int, int]:
    """How many origins gained, lost and stayed the same (unscored ones not counted)."""
    return (sum(label == CHANGE_GAINED for label in labels),
            sum(label == CHANGE_LOST for label in labels),
            sum(label == CHANGE_SAME for label in labels))
