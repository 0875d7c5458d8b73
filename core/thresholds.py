"""Parsing the threshold, weight and name lists users type."""

import math
import re
from typing import List

from .definitions import COST_TIME
from .errors import QT_TRANSLATE_NOOP, TRANSLATION_CONTEXT, InputError

_TIME_UNITS = {"min": 1.0, "mins": 1.0, "minute": 1.0, "minutes": 1.0, "mn": 1.0}
_DISTANCE_UNITS = {"m": 1.0, "metre": 1.0, "metres": 1.0, "meter": 1.0, "meters": 1.0,
                   "km": 1000.0}
_ITEM = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|-[0-9.]+)\s*([^\s0-9.,-][^,]*?)?\s*$")


def _expected(cost_type: int) -> str:
    if cost_type == COST_TIME:
        return QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "minutes, e.g. \"5, 10\" or \"10 mins\"")
    return QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "metres, e.g. \"400, 800\" or \"800 m\"")


def parse_thresholds(text: str, cost_type: int, what: str = "THRESHOLDS") -> List[float]:
    """Parse comma-separated positive thresholds in the unit of ``cost_type``.

    A trailing unit word matching the cost type is accepted ("10 mins", "800 m", "1 km").
    Returns the values in the order typed. Raises :class:`InputError` otherwise.
    """
    units = _TIME_UNITS if cost_type == COST_TIME else _DISTANCE_UNITS
    other = _DISTANCE_UNITS if cost_type == COST_TIME else _TIME_UNITS
    expected = _expected(cost_type)
    if text is None or not str(text).strip():
        raise InputError(QT_TRANSLATE_NOOP(
            TRANSLATION_CONTEXT, "{what} is empty: give one or more numbers in {expected}."),
            what=what, expected=expected)
    values = []
    for item in str(text).split(","):
        match = _ITEM.match(item)
        if not item.strip():
            raise InputError(QT_TRANSLATE_NOOP(
                TRANSLATION_CONTEXT,
                "{what} \"{text}\" has an empty item: give numbers separated by "
                "single commas, in {expected}."), what=what, text=text, expected=expected)
        if not match:
            raise InputError(QT_TRANSLATE_NOOP(
                TRANSLATION_CONTEXT,
                "{what} \"{text}\": \"{item}\" is not a number. Expected {expected}."),
                what=what, text=text, item=item.strip(), expected=expected)
        number, unit = match.group(1), (match.group(2) or "").strip().lower()
        factor = 1.0
        if unit:
            if unit in other and unit not in units:
                raise InputError(QT_TRANSLATE_NOOP(
                    TRANSLATION_CONTEXT,
                    "{what} \"{text}\" is given in \"{unit}\", but the cost type "
                    "asks for {expected}."), what=what, text=text, unit=unit, expected=expected)
            if unit not in units:
                raise InputError(QT_TRANSLATE_NOOP(
                    TRANSLATION_CONTEXT,
                    "{what} \"{text}\": \"{unit}\" is not a unit of {expected}."),
                    what=what, text=text, unit=unit, expected=expected)
            factor = units[unit]
        value = float(number) * factor
        if not math.isfinite(value):
            raise InputError(QT_TRANSLATE_NOOP(
                TRANSLATION_CONTEXT,
                "{what} \"{text}\": {value} is too large. Expected {expected}."),
                what=what, text=text, value=number, expected=expected)
        if value <= 0:
            raise InputError(QT_TRANSLATE_NOOP(
                TRANSLATION_CONTEXT, "{what} \"{text}\": {value} is not above zero. "
                "Expected {expected}."),
                what=what, text=text, value=number, expected=expected)
        values.append(value)
    return values


def parse_weights(text: str, count: int) -> List[float]:
    """Parse WEIGHTS: empty means all 1; otherwise one value, or ``count`` values, each >= 0."""
    if text is None or not str(text).strip():
        return [1.0] * count
    weights = []
    for item in str(text).split(","):
        try:
            weights.append(float(item))
        except ValueError:
            raise InputError(QT_TRANSLATE_NOOP(
                TRANSLATION_CONTEXT, "WEIGHTS \"{text}\": \"{item}\" is not a number."),
                text=text, item=item.strip()) from None
    if any(w < 0 for w in weights) or sum(weights) <= 0:
        raise InputError(QT_TRANSLATE_NOOP(
            TRANSLATION_CONTEXT,
            "WEIGHTS \"{text}\" must be zero or more, and not all zero."), text=text)
    return per_kind(weights, count, "WEIGHTS")


def per_kind(values: list, count: int, what: str) -> list:
    """Expand one value to ``count`` kinds, or check there is one value per kind."""
    if len(values) == 1:
        return list(values) * count
    if len(values) != count:
        raise InputError(QT_TRANSLATE_NOOP(
            TRANSLATION_CONTEXT,
            "{what} gives values: {given}; asset layers: {count}. Give one value "
            "for all, or one per layer in order."),
            what=what, given=len(values), count=count)
    return list(values)


def parse_names(text: str) -> List[str]:
    """Split ASSET_NAMES into names (empty text gives an empty list)."""
    if text is None or not str(text).strip():
        return []
    return [name.strip() for name in str(text).split(",")]
