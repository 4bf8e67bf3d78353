"""Batch scoring: answer sets as JSON lines, validated and scored in chunks, exactly as one quiz would score them.

Lines are scored in chunks (``rolefit.commands.score.CHUNK``) with the vectorised scorer, so memory does not grow
with the input (``rolefit.commands.score`` reads the streams and writes the results). Each line is
checked with the rules of ``rolefit.data.answers``: a bad line costs one message, never the rest.

Every line first takes a fast path (orjson when installed, precomputed answer tables, no pydantic);
anything unusual about a line sends it down the exact path (``rolefit.scoring.lines``), which re-parses
it with the json module and validates it with the same models and messages as ``rolefit quiz --answers``.
Encoded rows wait in a ``rolefit.scoring.sink.Sink`` until a chunk is full. Numbers whose
rounding, ranking or verdict could depend on the last bit of a float are recomputed with the engine
itself, so every result is exactly the one ``rolefit quiz --answers`` gives.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from operator import getitem, itemgetter
from typing import Any

import numpy as np

from rolefit.data.answers import SKIP
from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.data.reading import MAX_BYTES
from rolefit.jsonout import escape_unsafe
from rolefit.scoring import engine
from rolefit.scoring.lines import PARSER, check_line
from rolefit.scoring.sink import LineSource, Sink
from rolefit.scoring.vector import VectorScorer
from rolefit.scoring.verdict import LINES, VERDICTS, recommends
from rolefit.types import LIKERT_VALUES, Answers, Verdict

MAX_LINE = MAX_BYTES  # a longer line is reported and skipped, so one line cannot exhaust memory


class _Absent:
    """The value of an item an answer set leaves out."""


_ABSENT = _Absent()
_PLAIN = frozenset({int, str, _Absent})  # value types the fast path takes (bool and float take the exact path)
_LIKERT_CODES = {value: value - 1 for value in LIKERT_VALUES}  # the scorer's codes for 1..5
_LIKERT_OR_GAP = bytes([0, *LIKERT_VALUES])
_ONLY_INT = frozenset({int})
_UNSURE = 1e-6  # a float this close to a rounding, ranking or verdict boundary is recomputed by the engine


class BatchScorer:
    """A bank compiled for batch scoring: line validation tables, the vector scorer, output templates.

    Rows are laid out likert items first, then the others (``layout``), so the likert answers of a
    line turn into codes with two C calls; ``flush`` puts the columns back in the scorer's order.
    """

    def __init__(self, bank: LoadedBank, profiles: ProfileSet) -> None:
        self.bank = bank
        self.model = engine.compile_model(bank.items, profiles.traits, profiles.profiles)
        self.vector = VectorScorer(self.model)
        self.skip = skip = self.vector.skip
        self.width = len(self.vector.item_ids)
        ids = self.vector.item_ids
        likert = [i for i in range(self.width) if self.vector.codes[i] == _LIKERT_CODES]
        others = [i for i in range(self.width) if i not in set(likert)]
        self.layout = likert + others
        self.unlayout = np.argsort(self.layout)
        self.likert_of = _getter([ids[i] for i in likert])
        self.others_of = _getter([ids[i] for i in others])
        self.values_of = _getter([ids[i] for i in self.layout])
        # A left-out likert item reads 0 and a left-out other item _ABSENT (coded absent): counting both
        # against the keys the line left out tells a real 0 from a gap, and the gaps become skips.
        self.defaults = {**dict.fromkeys(ids, _ABSENT), **dict.fromkeys((ids[i] for i in likert), 0)}
        self.absent = absent = skip + 1
        self.likert_codes = bytes([skip, 0, 1, 2, 3, 4]) + bytes(range(6, 256))
        self.others_codes = bytes(range(absent)) + bytes([skip]) + bytes(range(absent + 1, 256))
        self.other_tables = [{**self.vector.codes[i], SKIP: skip, _ABSENT: absent} for i in others]
        # the general path: per column of the layout, answer value -> code; "skip" and a gap are skips
        self.tables = [{**self.vector.codes[i], SKIP: skip, _ABSENT: skip} for i in self.layout]
        self.names = {profile.id: profile.name for profile in profiles.profiles}
        self.needed = engine.needed_for_result(
            self.width
        )  # answers an undetermined result is short of: this - answered
        self.bank_json = compact_json({"id": bank.id, "version": bank.bank.version, "hash": bank.hash})
        self.templates: dict[int, bytes] = {}
        self.sources: dict[str, LineSource] = {}

    def source(self, label: str) -> LineSource:
        """The LineSource for a label (its JSON is built once)."""
        if label not in self.sources:
            self.sources[label] = LineSource(label, compact_json(label))
        return self.sources[label]

    def row(self, answers: Answers) -> bytes:
        """Validated answers as a row of answer codes in the layout, one byte per item."""
        ids = self.vector.item_ids
        return bytes(self.tables[j].get(answers.get(ids[i], SKIP), self.skip) for j, i in enumerate(self.layout))

    def encode_lines(  # noqa: C901  # the hot loop stays in one frame: no helper call per line
        self, lines: list[bytes | None], source: LineSource, number: int, sink: Sink
    ) -> int:
        """Validate and encode lines after line ``number`` into the sink; return the last line's number.

        Bad lines become messages, blank lines nothing.
        """
        loads, likert_of, others_of, other_tables = PARSER.loads, self.likert_of, self.others_of, self.other_tables
        defaults, absent, likert_codes, others_codes = self.defaults, self.absent, self.likert_codes, self.others_codes
        bank_id, width, general, only_int = self.bank.id, self.width, self._general, _ONLY_INT
        rows, numbers, ids, sources = sink.pending, sink.numbers, sink.ids, sink.sources
        max_line = MAX_LINE
        for raw in lines:
            number += 1
            if raw is None or len(raw) > max_line:
                sink.fail([f"{source.label}:{number}: longer than {max_line // 1024} KiB: one answer set per line"])
                continue
            if not raw or raw.isspace():
                continue
            # The fast paths: any surprise (an exception, a failed test) leaves the line to the exact path.
            try:
                data = loads(raw)
                answers = data["answers"]
                size = len(data)
                # A repeated key leaves fewer keys than colons outside strings; only the id could hold more.
                if (
                    data["bank"] == bank_id
                    and type(answers) is dict
                    and (size == 2 or (size == 3 and "id" in data))
                    and raw.count(b":") == size + len(answers)
                ):
                    row = None
                    given = len(answers)
                    try:
                        full = answers if given == width else {**defaults, **answers}
                        values = likert_of(full)
                        likert = bytes(values)  # TypeError/ValueError unless all are 0..255
                        others = bytes(map(getitem, other_tables, others_of(full)))  # KeyError if invalid
                        if (
                            len(full) == width
                            and {*map(type, values)} <= only_int  # bytes() takes True for 1
                            and not likert.translate(None, _LIKERT_OR_GAP)
                            and likert.count(0) + others.count(absent) == width - given
                        ):
                            row = likert.translate(likert_codes) + others.translate(others_codes)
                    except (TypeError, ValueError, KeyError):
                        pass
                    if row is None:
                        row = general(answers)
                    ident = _fast_id_json(data["id"]) if size == 3 else b"null"
                    if row is not None and ident is not None:
                        rows.append(row)
                        numbers.append(number)
                        ids.append(ident)
                        sources.append(source)
                        continue
            except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
                pass
            checked = check_line(self.bank, self.row, raw, source.label, number)
            if isinstance(checked, list):
                sink.fail(checked)
            else:
                rows.append(checked[0])
                numbers.append(number)
                ids.append(checked[1])
                sources.append(source)
        return number

    def _general(self, answers: dict[str, Any]) -> bytes | None:
        """The row of any answers object (say, "skip" for a likert item), or None to leave it to the exact path."""
        full = {**dict.fromkeys(self.vector.item_ids, _ABSENT), **answers}
        if len(full) != self.width:
            return None  # a key that is not an item
        values = self.values_of(full)
        if not {*map(type, values)} <= _PLAIN:
            return None
        try:
            return bytes(map(getitem, self.tables, values))
        except (KeyError, TypeError):
            return None

    def template(self, key: int) -> bytes:
        """The output line for a ranking and verdict (and for ``undetermined`` the answered count; ``key``: see
        ``LineSink.emit``), with %-slots for the numbers."""
        if key not in self.templates:
            roles = self.model.roles
            rest, verdict = divmod(key, len(VERDICTS))
            order = []
            for _ in roles:
                rest, role = divmod(rest, len(roles))
                order.append(role)
            top: str | None = roles[order[0]] if recommends(VERDICTS[verdict]) else None
            name = None if top is None else self.names[top]
            needed = self.needed - (rest - 1) if VERDICTS[verdict] == Verdict.UNDETERMINED else None
            recommendation = {"role": top, "name": name, "verdict": VERDICTS[verdict], "needed": needed}
            fits = b",".join(b'{"role":%s,"score":%%.1f}' % percent_escaped(compact_json(roles[r])) for r in order)
            self.templates[key] = (
                b'{"file":%s,"line":%d,"id":%s,"bank":'
                + percent_escaped(self.bank_json)
                + b',"recommendation":'
                + percent_escaped(compact_json(recommendation))
                + b',"fits":['
                + fits
                + b'],"margin":%.1f,"answered":%d,"skipped":%d}\n'
            )
        return self.templates[key]

    def score(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Fits, ranking, margin, verdict and answered count per row, exactly as the engine gives them."""
        batch = self.vector.score(rows)
        fits, order, margin, verdict = batch.fits, batch.order, batch.margin, batch.verdict
        for r in np.flatnonzero(_unsure(fits, order, margin)):
            answers = {
                item_id: self.vector.answers[i][code]
                for i, (item_id, code) in enumerate(zip(self.vector.item_ids, rows[r].tolist(), strict=True))
                if code != self.skip
            }
            scores = engine.score(self.model, answers)
            ranking = engine.ranking(scores)
            fits[r] = scores.fits
            order[r] = ranking
            margin[r] = scores.fits[ranking[0]] - scores.fits[ranking[1]]
            verdict[r] = VERDICTS.index(engine.decide(scores, engine.limits(self.model, scores, answers)))
        return fits, order, margin, verdict, batch.answered


def _unsure(fits: np.ndarray, order: np.ndarray, margin: np.ndarray) -> np.ndarray:
    """Rows whose output could change with the last bit of a float: a rounding, ranking or verdict boundary."""
    ranked = np.take_along_axis(fits, order, axis=1)
    unsure = ((ranked[:, :-1] - ranked[:, 1:]) < _UNSURE).any(axis=1)
    for values in (fits, margin[:, None]):
        tenths = values * 10.0
        unsure |= (np.abs(tenths - np.floor(tenths) - 0.5) < _UNSURE).any(axis=1)
    for line in LINES:
        unsure |= np.abs(margin - line) < _UNSURE
    rows: np.ndarray = unsure
    return rows


def _getter(keys: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """itemgetter that always returns a tuple, even for one key or none."""
    if len(keys) == 1:
        key = keys[0]
        return lambda mapping: (mapping[key],)
    if not keys:
        return lambda mapping: ()
    return itemgetter(*keys)


def _fast_id_json(ident: Any) -> bytes | None:
    """The fast path's id as JSON, or None to leave the line to the exact path.

    A nonzero int is exactly as written (orjson gives an int only for what fits 64 bits; beyond, it
    rounds to a float): ``%d`` gives its digits back. ``-0`` and every float go the exact path, which
    echoes the number as written.
    """
    kind = type(ident)
    if kind is int and ident:
        return b"%d" % ident
    if kind is str and ident.isprintable() and '"' not in ident and "\\" not in ident:
        # nothing to escape; and building it here keeps orjson's over-allocated buffers out of the queue
        return b'"%s"' % ident.encode("utf-8")
    return None


def compact_json(value: Any) -> bytes:
    return escape_unsafe(json.dumps(value, ensure_ascii=False, separators=(",", ":"))).encode("utf-8")


def percent_escaped(raw: bytes) -> bytes:
    return raw.replace(b"%", b"%%")
