"""A JSON array of records (``[{...}, {...}]``): Scrapy's default ``-o items.json`` feed, or
``json.dump`` of a list. One document per item, like a JSONL line, read an item at a time so that
memory stays bounded by the largest item (``--max-size``) whatever the file's size or layout (one
line, an item per line, pretty-printed). A broken or oversized item is that item's error record and
reading goes on after it; only an array that stops making sense (no ``,`` between items, no ``]``
at the end) ends the file with one error record.
"""

from __future__ import annotations

import io
import json
from typing import Any, BinaryIO, Callable, Iterator

BLOCK = 1 << 16
CUT_SLACK = 6  # a fault this close to the end of what was read may be a cut (inside a \uXXXX escape)


class ItemError:
    """An item that could not be decoded; ``final``: nothing after it can be read."""

    def __init__(self, message: str, final: bool = False):
        self.message, self.final = message, final


class ArrayItems:
    """The items of one JSON array in a text stream, a block at a time: each decoded item, or an
    ItemError in its place."""

    def __init__(self, text: io.TextIOBase, max_size: int, too_large: str):
        self.text, self.max_size, self.too_large = text, max_size, too_large
        self.buffer, self.at, self.ended = "", 0, False
        self.decoder = json.JSONDecoder()

    def _more(self, size: int = 0) -> bool:
        """Read more text (what is behind ``at`` is dropped); False at the end of the stream."""
        if self.ended:
            return False
        chunk = self.text.read(size or BLOCK)
        self.buffer, self.at = self.buffer[self.at :] + chunk, 0
        self.ended = not chunk
        return bool(chunk)

    def _peek(self) -> str:
        """The next character that is not white space ('' at the end), left unread."""
        while True:
            while self.at < len(self.buffer) and self.buffer[self.at].isspace():
                self.at += 1
            if self.at < len(self.buffer) or not self._more():
                return self.buffer[self.at : self.at + 1]

    def __iter__(self) -> Iterator[Any]:
        if self._peek() != "[":
            yield ItemError("invalid JSON: not an array", final=True)
            return
        self.at += 1
        first = True
        while True:
            char = self._peek()
            if char == "]":
                return
            if not first:
                if char != ",":
                    yield ItemError(f"invalid JSON: expected ',' or ']' after item, found {char!r}" if char else "invalid JSON: the array does not end (truncated?)", final=True)
                    return
                self.at += 1
                if self._peek() in ("]", ""):
                    yield ItemError("invalid JSON: ',' before the end of the array" if self._peek() else "invalid JSON: the array does not end (truncated?)", final=True)
                    return
            first = False
            yield self._item()

    def _item(self) -> Any:
        size = BLOCK
        while True:
            try:
                item, end = self.decoder.raw_decode(self.buffer, self.at)
            except json.JSONDecodeError as exc:
                if self._is_fault(exc):
                    self._skip_item()
                    return ItemError(f"invalid JSON: {exc.msg}")
                if len(self.buffer) - self.at > self.max_size:
                    self._skip_item()
                    return ItemError(f"item {self.too_large}")
                self._more(size)
                size *= 2  # an item longer than a block: read ahead geometrically, not a block at a time
                continue
            except RecursionError:
                self._skip_item()
                return ItemError("invalid JSON: nested too deep")
            if end == len(self.buffer) and not self.ended and isinstance(item, (int, float)):
                self._more(size)  # '12' may be the start of '123': a number ends only where something follows
                continue
            start, self.at = self.at, end
            return item if end - start <= self.max_size else ItemError(f"item {self.too_large}")

    def _is_fault(self, exc: json.JSONDecodeError) -> bool:
        """The item is broken, not merely cut off by the end of what was read so far."""
        if self.ended:
            return True
        return not exc.msg.startswith("Unterminated string") and exc.pos < len(self.buffer) - CUT_SLACK

    def _skip_item(self) -> None:
        """Move past one item without decoding it: to the end of its brackets (strings and escapes
        respected), or to the ',' or ']' after a bare value; a block at a time."""
        depth, in_string, escaped = 0, False, False
        while True:
            while self.at < len(self.buffer):
                char = self.buffer[self.at]
                self.at += 1
                if in_string:
                    if escaped:
                        escaped = False
                    elif char == "\\":
                        escaped = True
                    elif char == '"':
                        in_string = False
                elif char == '"':
                    in_string = True
                elif char in "[{":
                    depth += 1
                elif char in "]}" or (char == "," and depth == 0):
                    if depth == 0:
                        self.at -= 1  # the array's own ',' or ']'
                        return
                    depth -= 1
                    if depth == 0:
                        return
            if not self._more():
                return


def read_json_array(path: str, stream: BinaryIO, max_size: int, too_large: str, from_row: Callable[[str, int, dict], Any], error: Callable[[str, str, int], Any]) -> Iterator[Any]:
    """The documents of a JSON array: ``from_row(path, number, item)`` for each object, ``error(source,
    message, number)`` for an item that is not an object or cannot be read."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace")
    number = 0
    for item in ArrayItems(text, max_size, too_large):
        number += 1
        if isinstance(item, ItemError):
            yield error(f"{path}#{number}", item.message, number)
        elif isinstance(item, dict):
            yield from_row(path, number, item)
        else:
            yield error(f"{path}#{number}", f"JSON array item is a {type(item).__name__}, not an object", number)
