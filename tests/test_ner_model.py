"""The model file: the shipped one tags as the model did before its format changed, it is what
the build makes of its own export, and the record table under it stores what it is given.

The text below is written for these tests. Its expected entities were taken from the shipped
tagger (mistakes included: they pin the model, not the truth), so any change to the weights, the
gazetteers or the way they are read shows here. They were first taken from the gzip'd JSON model
this format replaced, then again from the model retrained with licence-clean gazetteers (SSA
first names, GeoNames places), which reads "Nordic Telecom ASA" whole and the "Nations" of
"Palais des Nations" no more.
"""

from __future__ import annotations

import gzip
import json
import pickle
import struct
import zlib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis.ner import (
    MODEL_RESOURCE,
    Model,
    extract,
    load_model,
    split_sentences,
    tag,
    tag_reference,
    tokenize,
)
from briefing.analysis.ner.model import compile_model, model_data, read_model
from briefing.analysis.ner.packed import Table, dumps, pack_table

SHIPPED = Path(__file__).resolve().parents[1] / "briefing/analysis/ner/data/ner.model"

TEXT = (
    "GENEVA — Prime Minister Elena Varga of Hungary met executives from Siemens AG and the "
    "World Bank on Tuesday, her office said.\n"
    "“We are not here to make promises,” Ms. Varga told reporters outside the Palais des "
    "Nations, adding that talks with the European Commission would resume in Brussels next "
    "week.\n"
    "Dr. Samuel Okafor, a former adviser to the African Union, said Lagos and Nairobi had "
    "asked the bank for $2.4 billion in new loans.\n"
    "Shares of Nordic Telecom ASA fell 4% in Oslo after its chief executive, Lars-Erik Holm, "
    "resigned; the company’s board named Ingrid Dahl as interim CEO.\n"
    "In Buenos Aires, the Argentine central bank left rates unchanged, while Brazil’s finance "
    "ministry in Brasília said inflation was easing.\n"
    "Okafor said the plan was “realistic,” and Varga agreed.\n"
    "The UEFA Champions League final will be played in Madrid, where Real Madrid beat Bayern "
    "Munich 2-1 last season.\n"
    "A spokesman for the International Red Cross in San Francisco declined to comment on "
    "reports from Reuters and the Associated Press.\n"
    "mr. tanaka-lopez of acme corp. said nothing.\n"
)

EXPECTED = [
    ("GENEVA", "LOC"), ("Elena Varga", "PER"), ("Hungary", "LOC"), ("Siemens AG", "ORG"),
    ("World Bank", "ORG"), ("Varga", "PER"), ("Palais", "MISC"),
    ("European Commission", "ORG"), ("Brussels", "LOC"), ("Samuel Okafor", "PER"),
    ("African", "LOC"), ("Union", "ORG"), ("Lagos", "ORG"), ("Nairobi", "LOC"),
    ("Nordic Telecom ASA", "ORG"), ("Oslo", "LOC"), ("Lars-Erik Holm", "PER"),
    ("Ingrid Dahl", "PER"), ("Buenos Aires", "LOC"), ("Argentine", "MISC"), ("Brazil", "LOC"),
    ("Brasília", "LOC"), ("Okafor", "PER"), ("Varga", "PER"),
    ("UEFA Champions League", "MISC"), ("Madrid", "LOC"), ("Real Madrid", "ORG"),
    ("Bayern Munich", "ORG"), ("International Red Cross", "ORG"), ("San Francisco", "LOC"),
    ("Reuters", "ORG"), ("Associated Press", "ORG"),
]  # fmt: skip


def entities(model: Model, text: str = TEXT) -> list[tuple[str, str]]:
    return [(text[a:b], kind) for a, b, kind in extract(model, text)]


def sentences(text: str = TEXT) -> list[list[str]]:
    spans = tokenize(text)
    toks = [text[a:b] for a, b in spans]
    return [[toks[i] for i in s] for s in split_sentences(text, spans, toks)]


def test_shipped_model_finds_what_it_found() -> None:
    assert entities(load_model()) == EXPECTED


def test_a_fresh_model_from_the_file_finds_the_same() -> None:
    assert entities(load_model(SHIPPED)) == EXPECTED


def test_fast_tagger_agrees_with_the_reference_scorer_on_every_sentence() -> None:
    model = load_model(SHIPPED)
    for toks in sentences():
        assert tag(model, toks) == tag_reference(model, toks)
    model.shortcut = False
    for toks in sentences():
        assert tag(model, toks) == tag_reference(model, toks)


def test_a_short_text_reads_a_few_records_only() -> None:
    # What makes the start fast: the model reads the records of the words (and affixes) it
    # meets, some hundreds here, of the 60,000 in the file.
    model = load_model(SHIPPED)
    entities(model)
    assert 0 < len(model._loaded) < 1_000


def test_the_file_is_what_the_build_makes_of_its_export() -> None:
    blob = SHIPPED.read_bytes()
    data = model_data(blob)
    assert set(data) == {"classes", "gaz", "meta", "weights"}
    assert len(data["classes"]) == 17
    assert len(data["weights"]) > 30_000
    assert {"first", "lex", "spans"} <= set(data["gaz"])
    assert compile_model(data) == blob


def test_the_training_output_as_json_still_reads(tmp_path: Path) -> None:
    # The format before this one (and what `train_ner.py` writes to a .json.gz).
    path = tmp_path / "model.json.gz"
    path.write_bytes(gzip.compress(json.dumps(model_data(SHIPPED.read_bytes())).encode()))
    assert entities(read_model(path)) == EXPECTED


def test_the_model_reads_as_a_package_resource() -> None:
    # What a zip import gets: a Traversable, not a path.
    resource = resources.files("briefing.analysis.ner").joinpath(MODEL_RESOURCE)
    assert entities(read_model(resource)) == EXPECTED


def test_a_file_of_another_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.model"
    path.write_bytes(b"briefing-ner-model/0\n" + SHIPPED.read_bytes()[21:])
    with pytest.raises(ValueError, match="not a briefing NER model file"):
        read_model(path)


# --- the record table ---------------------------------------------------------------------

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(1 << 1000), max_value=1 << 1000)
    | st.floats(allow_nan=False)
    | st.text(max_size=300)
    | st.binary(max_size=300)
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.lists(inner, max_size=5).map(tuple)
        | st.dictionaries(st.text(max_size=5), inner, max_size=5)
    ),
    max_leaves=20,
)


@given(_VALUES)
@settings(max_examples=400, deadline=None)
def test_dumps_writes_what_pickle_reads(value: object) -> None:
    assert pickle.loads(dumps(value)) == value


def test_dumps_depends_on_the_values_alone() -> None:
    # Equal values built differently (shared or not) give the same bytes; pickle's own
    # memo would not.
    word = "".join(["sa", "id"])
    shared = ("said", "said")
    separate = (word, "said")
    assert dumps(shared) == dumps(separate)
    assert dumps(shared) != pickle.dumps(shared)


@given(st.dictionaries(st.text(max_size=12), st.tuples(st.integers(), st.text()), max_size=60))
@settings(max_examples=100, deadline=None)
def test_table_finds_every_key_and_no_other(records: dict[str, tuple[int, str]]) -> None:
    table = Table(pack_table(records))
    for key, value in records.items():
        assert table.get(key) == value
    assert table.get("\x00 not a key") is None or "\x00 not a key" in records
    assert dict(table.items()) == records


def test_table_bytes_do_not_depend_on_the_order_of_the_records() -> None:
    records = {f"key{i}": (i, f"value {i}" * (i % 7)) for i in range(500)}
    backwards = dict(reversed(list(records.items())))
    assert pack_table(records) == pack_table(backwards)
    assert Table(pack_table({})).get("x") is None


def test_table_tells_apart_keys_that_share_a_fingerprint() -> None:
    # Two keys whose hashes share their high half (the fingerprint), in one bucket: the table
    # reads the records' keys to answer, and finds no record for the one it does not have.
    by_fingerprint: dict[int, list[str]] = {}
    for i in range(5_000):
        key = f"w={i * 7919}"  # (CRC-32 is linear: "key0" to "key4999" share no high half)
        by_fingerprint.setdefault(zlib.crc32(key.encode()) >> 16, []).append(key)
    first, second = next(keys for keys in by_fingerprint.values() if len(keys) >= 2)[:2]
    assert Table(pack_table({first: (1,)})).get(second) is None
    table = Table(pack_table({first: (1,), second: (2,)}))  # two keys: one bucket
    assert table.get(first) == (1,)
    assert table.get(second) == (2,)
    assert table.get(first) == (1,)


def _get_the_plain_way(table: Table, key: str) -> object:
    """`Table.get` the plain way: each fingerprint of the key's bucket as a number."""
    crc = zlib.crc32(key.encode("utf-8", "surrogatepass"))
    bucket = crc % table.buckets
    for i in range(table._firsts[bucket], table._firsts[bucket + 1]):
        (fingerprint,) = struct.unpack_from("<H", table._fingerprints, 2 * i)
        if fingerprint == crc >> 16:
            found, record = table._entry(i)
            if found == key:
                return record
    return None


def test_table_search_of_fingerprint_bytes_answers_as_the_plain_way() -> None:
    # The fingerprints are searched as bytes: a match that straddles two stored fingerprints
    # (the high byte of one, the low byte of the next) must not count. Enough keys are asked
    # for that some such straddles happen, and are counted to be sure.
    records = {f"w={i}": (i,) for i in range(400)}
    table = Table(pack_table(records))
    stored = table._fingerprints
    straddles = 0
    for i in range(200_000):
        key = f"x{i}" if i % 50 else f"w={i // 50 % 450}"
        crc = zlib.crc32(key.encode())
        bucket = crc % table.buckets
        start, end = 2 * table._firsts[bucket], 2 * table._firsts[bucket + 1]
        at = stored.find((crc >> 16).to_bytes(2, "little"), start, end)
        straddles += at >= 0 and at % 2 == 1
        assert table.get(key) == _get_the_plain_way(table, key)
    assert straddles > 0
