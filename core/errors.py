"""Errors the engine raises for bad input, carrying a translatable message template.

core/ cannot import Qt, so messages are marked with ``QT_TRANSLATE_NOOP`` (which
pylupdate recognises) and the algorithms translate the template before formatting it.
"""

TRANSLATION_CONTEXT = "AssetGaps"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation without translating it here."""
    return text


class InputError(ValueError):
    """A user mistake: the message says what was expected."""

    def __init__(self, template: str, **values: object) -> None:
        self.template = template
        self.values = values
        super().__init__(template.format(**values))

    def translated(self, translate) -> str:
        """The message with its template passed through ``translate(context, text)``."""
        values = {key: translate(TRANSLATION_CONTEXT, value) if isinstance(value, str) else value
                  for key, value in self.values.items()}
        return translate(TRANSLATION_CONTEXT, self.template).format(**values)
