"""cleaner/batch/json_array.py: a JSON array read an item at a time, whatever its layout and wherever
the blocks it is read in fall."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings, strategies as st

from cleaner.batch import json_array
from cleaner.batch.json_array import ArrayItems, ItemError

values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(), lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)
items = st.lists(st.dictionaries(st.text(max_size=8), values, max_size=4) | values, max_size=6)  # not objects too: the reader says so, and must not lose its place


def read(text: str, max_size: int = 1 << 20) -> list:
    return [item.message if isinstance(item, ItemError) else item for item in ArrayItems(io.StringIO(text), max_size, "too large")]


@settings(max_examples=200, deadline=None)
@given(items, st.sampled_from([None, 0, 2]), st.sampled_from([1, 3, 7, 64]))
def test_any_array_in_any_layout_and_block_size_reads_back(records, indent, block):
    json_array.BLOCK = block
    try:
        assert read(json.dumps(records, indent=indent)) == records
    finally:
        json_array.BLOCK = 1 << 16


@pytest.mark.parametrize("block", [1, 5, 1 << 16])
def test_a_broken_item_is_its_own_error_and_reading_goes_on(block, monkeypatch):
    monkeypatch.setattr(json_array, "BLOCK", block)
    text = '[{"a": 1}, {"b": oops, "c": "}"}, {"d": "x\\\\"}, [1, {"e": 2}], {"f": 3}]'
    found = read(text)
    assert found[0] == {"a": 1} and found[1].startswith("invalid JSON") and found[2] == {"d": "x\\"}
    assert found[3] == [1, {"e": 2}] and found[4] == {"f": 3} and len(found) == 5


@pytest.mark.parametrize("text, message", [
    ('[{"a": 1} {"b": 2}]', "expected ',' or ']'"),
    ('[{"a": 1},', "does not end"),
    ('[{"a": 1}, ]', "',' before the end"),
    ('[{"a": 1}', "does not end"),
    ('{"a": 1}', "not an array"),
])
def test_an_array_that_stops_making_sense_ends_with_one_error(text, message):
    found = read(text)
    assert message in found[-1] and all(not isinstance(f, str) for f in found[:-1])


def test_an_item_over_max_size_is_skipped_with_its_error(monkeypatch):
    monkeypatch.setattr(json_array, "BLOCK", 16)
    text = json.dumps([{"a": 1}, {"big": "x" * 500, "more": ["]", "}"]}, {"b": 2}])
    assert read(text, max_size=100) == [{"a": 1}, "item too large", {"b": 2}]
