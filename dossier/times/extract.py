"""The `times` article extractor: every temporal expression of one article, normalized
against its publication date.

Sentences without a temporal cue word are skipped before the recognizer sees them (it costs
milliseconds a sentence; most news sentences have no date). The tense of the verb that
governs an expression comes from the spaCy parse and picks between the recognizer's past and
future readings.
"""

from __future__ import annotations

from pydantic import BaseModel
from spacy.tokens import Span

from dossier.analysis import ArticleDoc, extractor
from dossier.times.normalize import Direction, cue_windows, readings, tense_direction


class TimeFinding(BaseModel):
    """One temporal expression; offsets are into the article's clean text."""

    start: int
    end: int
    text: str
    value: str | None = None
    value_end: str | None = None
    granularity: str | None = None
    type: str
    reason: str
    direction: Direction | None = None
    # True when the value depends on a publication date the article does not give: the
    # story stage resolves it again if it can infer one.
    relative: bool = False


def _direction_finder(sent: Span):
    def direction_at(start: int, end: int) -> Direction | None:
        span = sent.char_span(start, end, alignment_mode="expand")
        return tense_direction(list(span)) if span is not None else None

    return direction_at


class TimeExtractor:
    name = "times"

    def __call__(self, doc: ArticleDoc) -> list[BaseModel]:
        found: list[BaseModel] = []
        for offset, sent in doc.sentences():
            text = sent.text
            for window_start, window_end in cue_windows(text):
                found.extend(
                    self._window(doc, sent, offset, window_start, text[window_start:window_end])
                )
        return found

    @staticmethod
    def _window(
        doc: ArticleDoc, sent: Span, offset: int, window_start: int, text: str
    ) -> list[TimeFinding]:
        reference = doc.article.published
        sentence_finder = _direction_finder(sent) if doc.parsed else None

        def finder(start: int, end: int) -> Direction | None:
            if sentence_finder is None:
                return None
            return sentence_finder(window_start + start, window_start + end)

        base = offset + sent.start_char + window_start
        found = []
        for reading in readings(text, reference, finder):
            direction = finder(reading.start, reading.end)
            found.append(
                TimeFinding(
                    start=base + reading.start,
                    end=base + reading.end,
                    text=reading.text,
                    value=reading.value,
                    value_end=reading.value_end,
                    granularity=reading.granularity,
                    type=reading.type,
                    reason=reading.reason,
                    direction=direction,
                    relative=reading.relative,
                )
            )
        return found


@extractor("times")
def make_time_extractor() -> TimeExtractor:
    return TimeExtractor()
