"""String keys to small records in one byte string, read without building an index.

The tagger's model has some 60,000 keys (words, affixes, gazetteer entries); turning all of
them into Python dicts took most of a second at start-up, for an article that needs a few
hundred. Here the keys are spread over buckets by the CRC-32 of their UTF-8 form, about four
to a bucket, and each (key, record) pair of plain values (tuples, strings, ints, bytes) is
pickled on its own and stored as it is. Opening a table reads three arrays: where each
bucket's keys begin, a 16-bit fingerprint of each key's hash (the high half), and where each
key's pickle begins. Looking a key up finds its fingerprint among its bucket's few and
unpickles that one record, at C speed, straight from a slice of the file's bytes; a key the
table does not have (half the look-ups of a long text: words and affixes the training data
never had) mostly has no fingerprint there, and nothing is unpickled.

Measured on a megabyte of news (23,400 look-ups, 10,500 of them reading): the buckets were
once pickled whole and deflated against a 32 KB preset dictionary, a third of the size, at
1.6 us more a read (56 ms for those look-ups); stored plain 33 ms, a record at a time 22 ms.
The wheel, a zip, deflates the file either way.

    table = Table(pack_table({"a": (1, "x"), "b": ()}))
    table.get("a")  # (1, "x")

The pickles are written here (`dumps`), from a few of pickle's documented opcodes and without
its memo, so that the bytes depend on the values alone: the same records always give the same
file. They are our own data inside the package, never user input:
unpickling is only as safe as the bytes are trusted, so never point this at a stranger's file.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from collections.abc import Iterator, Mapping
from typing import Any

try:
    from _pickle import loads as _loads  # the C unpickler, without `pickle`'s 3 ms import
except ImportError:  # pragma: no cover - other Python implementations
    from pickle import loads as _loads

PER_BUCKET = 4
"""Keys per bucket on average: a look-up compares this many fingerprints; fewer means a longer
array of bucket starts."""

_U32 = struct.Struct("<I")


def dumps(obj: object) -> bytes:
    """A pickle of `obj` (None, bool, int, float, str, bytes, and tuples, lists and dicts of
    them) that `pickle.loads` reads, written without a memo: equal values, equal bytes."""
    out = bytearray()
    _write(obj, out)
    out += b"."  # STOP
    return bytes(out)


def _write(obj: object, out: bytearray) -> None:
    if obj is None:
        out += b"N"
    elif obj is True:
        out += b"\x88"  # NEWTRUE
    elif obj is False:
        out += b"\x89"  # NEWFALSE
    elif isinstance(obj, int):
        if 0 <= obj < 0x100:
            out += b"K" + bytes((obj,))  # BININT1
        elif 0 <= obj < 0x10000:
            out += b"M" + obj.to_bytes(2, "little")  # BININT2
        elif -(1 << 31) <= obj < 1 << 31:
            out += b"J" + obj.to_bytes(4, "little", signed=True)  # BININT
        else:
            size = obj.bit_length() // 8 + 1  # two's complement, room for the sign
            if size > 0xFF:
                raise ValueError("integer too large for this writer")
            out += b"\x8a" + bytes((size,)) + obj.to_bytes(size, "little", signed=True)  # LONG1
    elif isinstance(obj, float):
        out += b"G" + struct.pack(">d", obj)  # BINFLOAT
    elif isinstance(obj, str):
        data = obj.encode("utf-8", "surrogatepass")
        if len(data) < 0x100:
            out += b"\x8c" + bytes((len(data),))  # SHORT_BINUNICODE
        else:
            out += b"X" + _U32.pack(len(data))  # BINUNICODE
        out += data
    elif isinstance(obj, bytes):
        if len(obj) < 0x100:
            out += b"C" + bytes((len(obj),))  # SHORT_BINBYTES
        else:
            out += b"B" + _U32.pack(len(obj))  # BINBYTES
        out += obj
    elif isinstance(obj, tuple):
        if not obj:
            out += b")"  # EMPTY_TUPLE
        elif len(obj) <= 3:
            for item in obj:
                _write(item, out)
            out += bytes((0x84 + len(obj),))  # TUPLE1, TUPLE2, TUPLE3
        else:
            out += b"("  # MARK
            for item in obj:
                _write(item, out)
            out += b"t"  # TUPLE
    elif isinstance(obj, list):
        out += b"]"  # EMPTY_LIST
        if obj:
            out += b"("
            for item in obj:
                _write(item, out)
            out += b"e"  # APPENDS
    elif isinstance(obj, dict):
        out += b"}"  # EMPTY_DICT
        if obj:
            out += b"("
            for key, value in obj.items():
                _write(key, out)
                _write(value, out)
            out += b"u"  # SETITEMS
    else:
        raise TypeError(f"cannot store a {type(obj).__name__}")


def loads(data: bytes) -> Any:
    """What `dumps` wrote (trusted bytes only, see the module's note)."""
    return _loads(data)


def _bucket_of(key: str, buckets: int) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % buckets


def _fingerprint(key: str) -> int:
    """The high half of the key's hash: what tells a bucket's keys apart without its records."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) >> 16


def pack_table(records: Mapping[str, object], per_bucket: int = PER_BUCKET) -> bytes:
    """The bytes of a table of `records` (keys ordered by fingerprint, then key, inside each
    bucket, so the same records give the same bytes whatever order they came in)."""
    buckets = max(1, len(records) // per_bucket)
    spread: list[list[tuple[int, str]]] = [[] for _ in range(buckets)]
    for key in records:
        spread[_bucket_of(key, buckets)].append((_fingerprint(key), key))
    firsts = array("I", [0])
    fingerprints = array("H")
    offsets = array("I", [0])
    blobs = []
    for entries in spread:
        for fingerprint, key in sorted(entries):
            blob = dumps((key, records[key]))
            fingerprints.append(fingerprint)
            offsets.append(offsets[-1] + len(blob))
            blobs.append(blob)
        firsts.append(len(fingerprints))
    if sys.byteorder == "big":
        firsts.byteswap()
        fingerprints.byteswap()
        offsets.byteswap()
    head = _U32.pack(buckets) + _U32.pack(len(fingerprints))
    index = firsts.tobytes() + fingerprints.tobytes() + offsets.tobytes()
    return head + index + b"".join(blobs)


def _array(typecode: str, data: memoryview) -> array[int]:
    """Little-endian numbers as stored, in the machine's order."""
    numbers = array(typecode)
    numbers.frombytes(data)
    if sys.byteorder == "big":  # pragma: no cover - the stored order
        numbers.byteswap()
    return numbers


class Table:
    """A table written by `pack_table`, read in place (its index arrays are its only copy)."""

    def __init__(self, data: bytes | memoryview) -> None:
        if array("I").itemsize != 4:  # pragma: no cover - every CPython platform has 4
            raise RuntimeError("the record table needs 4-byte unsigned ints")
        (self.buckets,) = _U32.unpack_from(data, 0)
        (self.size,) = _U32.unpack_from(data, _U32.size)
        view = memoryview(data)
        start = 2 * _U32.size
        end = start + 4 * (self.buckets + 1)
        self._firsts = _array("I", view[start:end])
        start, end = end, end + 2 * self.size
        self._fingerprints = bytes(view[start:end])
        """The fingerprints as stored (2 bytes each, little-endian): searched as bytes, at C
        speed, with no array sliced or number boxed (a fifth of a look-up's time)."""
        start, end = end, end + 4 * (self.size + 1)
        self._offsets = _array("I", view[start:end])
        self._data = view[end:]
        self._last: tuple[str | None, Any] = (None, None)
        """The record read last, by its key: a caller often asks for the same key twice in a
        row (the tagger for a word's weights, then for its gazetteer entries)."""

    def _entry(self, i: int) -> tuple[str, Any]:
        """The (key, record) stored `i`-th."""
        entry: tuple[str, Any] = _loads(self._data[self._offsets[i] : self._offsets[i + 1]])
        return entry

    def get(self, key: str) -> Any:
        """The record of `key` (as it was stored), or None."""
        last, record = self._last
        if key == last:
            return record
        crc = zlib.crc32(key.encode("utf-8", "surrogatepass"))
        bucket = crc % self.buckets
        firsts = self._firsts
        end = 2 * firsts[bucket + 1]
        fingerprints = self._fingerprints
        fingerprint = (crc >> 16).to_bytes(2, "little")
        at = fingerprints.find(fingerprint, 2 * firsts[bucket], end)
        if at < 0:
            return None  # no key of the bucket has this key's fingerprint: nothing to read
        offsets = self._offsets
        data = self._data
        while at >= 0:
            # the keys that have the fingerprint (rarely two), read in place; a match at an odd
            # byte straddles two fingerprints and is none
            if not at & 1:
                i = at >> 1
                found, record = _loads(data[offsets[i] : offsets[i + 1]])
                if found == key:
                    self._last = (key, record)
                    return record
            at = fingerprints.find(fingerprint, at + 1, end)
        return None

    def items(self) -> Iterator[tuple[str, Any]]:
        """Every (key, record), bucket by bucket: for exporting, not for the tagger."""
        for i in range(self.size):
            yield self._entry(i)
