"""parse_thresholds: the threshold text users type (docs/architecture.md, "Threshold text")."""

import pytest

from community_asset_gaps.core.definitions import COST_DISTANCE, COST_TIME
from community_asset_gaps.core.errors import InputError
from community_asset_gaps.core.thresholds import parse_thresholds


@pytest.mark.parametrize("text, cost_type, expected", [
    ("5,10", COST_TIME, [5.0, 10.0]),
    ("5, 10", COST_TIME, [5.0, 10.0]),
    ("  5 ,10  ", COST_TIME, [5.0, 10.0]),
    ("10,5", COST_TIME, [10.0, 5.0]),           # kept in the order typed
    ("2.5", COST_TIME, [2.5]),
    ("10 mins", COST_TIME, [10.0]),
    ("10 minutes", COST_TIME, [10.0]),
    ("10 min", COST_TIME, [10.0]),
    ("5,10 mins", COST_TIME, [5.0, 10.0]),
    ("800 m", COST_DISTANCE, [800.0]),
    ("400, 800", COST_DISTANCE, [400.0, 800.0]),
    ("400 m, 800 m", COST_DISTANCE, [400.0, 800.0]),
    ("800 metres", COST_DISTANCE, [800.0]),
])
def test_valid_thresholds(text, cost_type, expected):
    assert parse_thresholds(text, cost_type) == expected


def message(text, cost_type):
    with pytest.raises(InputError) as caught:
        parse_thresholds(text, cost_type)
    return str(caught.value)


# (text, cost type, words the message must contain)
ERRORS = [
    ("abc", COST_TIME, ["THRESHOLDS", "\"abc\"", "not a number", "minutes"]),
    ("5, abc", COST_TIME, ["\"abc\"", "not a number", "minutes"]),
    ("-5", COST_TIME, ["-5", "not above zero", "minutes"]),
    ("5, -1", COST_TIME, ["-1", "not above zero"]),
    ("0", COST_TIME, ["0", "not above zero", "minutes"]),
    ("0", COST_DISTANCE, ["0", "not above zero", "metres"]),
    ("5,,10", COST_TIME, ["\"5,,10\"", "empty item", "minutes"]),
    ("5,", COST_TIME, ["empty item"]),
    ("800 m", COST_TIME, ["\"800 m\"", "\"m\"", "minutes"]),
    ("10 mins", COST_DISTANCE, ["\"10 mins\"", "\"mins\"", "metres"]),
    ("", COST_TIME, ["THRESHOLDS", "empty", "minutes"]),
    ("   ", COST_DISTANCE, ["THRESHOLDS", "empty", "metres"]),
    ("10 furlongs", COST_TIME, ["furlongs", "minutes"]),
    ("5 10", COST_TIME, ["not a number"]),
]


@pytest.mark.parametrize("text, cost_type, words", ERRORS,
                         ids=[f"{e[0]!r}-{'time' if e[1] == COST_TIME else 'dist'}"
                              for e in ERRORS])
def test_bad_thresholds_say_what_was_expected(text, cost_type, words):
    text_of_error = message(text, cost_type)
    for word in words:
        assert word in text_of_error, f"{word!r} not in {text_of_error!r}"
    # every message names the expected unit with an example
    example = "\"5, 10\"" if cost_type == COST_TIME else "\"400, 800\""
    assert example in text_of_error


def test_input_error_is_a_value_error_with_a_translatable_template():
    with pytest.raises(ValueError) as caught:
        parse_thresholds("abc", COST_TIME)
    error = caught.value
    assert isinstance(error, InputError)
    assert "{" in error.template and error.values["item"] == "abc"
    # translated() formats the translated template with the values
    french = error.translated(
        lambda context, text: text.replace("is not a number", "n'est pas un nombre"))
    assert "\"abc\" n'est pas un nombre" in french and "minutes" in french


def test_infinite_threshold_is_rejected():
    with pytest.raises(InputError):
        parse_thresholds("1e999", COST_TIME)
