"""Near-duplicates across a batch: the same story republished with other furniture around it.

Each cleaned body becomes a set of word shingles (3 words in a row, case-folded) and a MinHash
signature of 128 values (rensa's R-MinHash, computed where the document is cleaned: a worker process
or a Dask worker). The process that writes the output keeps an LSH index of the signatures (rensa's
``RMinHashLSH``, 16 bands of 8 values) and, for each record in the order it is written, asks it for
documents that share a band, estimates the Jaccard similarity of their shingle sets from the
signatures and takes the most similar one at or above ``THRESHOLD``. A record that has one gets
``duplicate_of`` (that document's ``id``: the first document of the cluster, since only documents
that duplicate nothing are indexed) and ``similarity``; the others become heads for the ones after.

Why these numbers: bench/bench_near_dup.py and docs/search-index.md (republished copies measured
0.78-1.0, different stories on one event at most 0.15, a story that reuses half of another 0.6).

Memory: about 2 KB per head held (the LSH bands and the signature). At most ``MAX_HEADS`` heads are
held; past that the oldest are forgotten (a copy of one of them is then not found), so memory stays
bounded whatever the input.
"""

from __future__ import annotations

from collections import deque

from rensa import RMinHash, RMinHashLSH

NUM_PERM = 128
BANDS = 16  # 16 bands of 8 rows: a pair at Jaccard 0.8 shares a band with probability 0.99, at 0.3 with 0.001
SEED = 16
SHINGLE = 3  # words per shingle
MIN_SHINGLES = 10  # a shorter body (under ~12 words) is too short to call a near-copy; exact dedup still sees it
THRESHOLD = 0.7  # estimated Jaccard similarity from which a document duplicates an earlier one
MAX_HEADS = 1_000_000


def shingles(text: str) -> list[str]:
    words = text.casefold().split()
    return list(map(" ".join, zip(*(words[i:] for i in range(SHINGLE)))))


def signature(text: str) -> RMinHash | None:
    """The MinHash of the body's word shingles; None for a body too short to compare."""
    return signature_of(shingles(text))


def signature_of(grams: list[str]) -> RMinHash | None:
    if len(grams) < MIN_SHINGLES:
        return None
    sketch = RMinHash(NUM_PERM, SEED)
    sketch.update(grams)
    return sketch


class NearDuplicates:
    """The LSH index of the heads seen so far; ``check`` files each new document."""

    def __init__(self, threshold: float = THRESHOLD, max_heads: int = MAX_HEADS):
        self.threshold, self.max_heads = threshold, max_heads
        self.lsh = RMinHashLSH(threshold, NUM_PERM, BANDS)
        self.heads: dict[int, tuple[str, RMinHash]] = {}
        self.order: deque[int] = deque()
        self.next_key = 0

    def check(self, doc_id: str, sketch: RMinHash | None) -> tuple[str | None, float | None]:
        """(duplicate_of, similarity) for a document; (None, None) when it duplicates no head, and
        then it becomes one. A head with the same id (the same page cleaned twice) is not a match."""
        if sketch is None:
            return None, None
        best: tuple[str | None, float | None] = (None, None)
        for key in self.lsh.query(sketch):
            head_id, head = self.heads[key]
            similarity = sketch.jaccard(head)
            if similarity >= self.threshold and head_id != doc_id and (best[1] is None or similarity > best[1]):
                best = (head_id, round(similarity, 3))
        if best[0] is None:
            self._add(doc_id, sketch)
        return best

    def _add(self, doc_id: str, sketch: RMinHash) -> None:
        key, self.next_key = self.next_key, self.next_key + 1
        self.lsh.insert(key, sketch)
        self.heads[key] = (doc_id, sketch)
        self.order.append(key)
        if len(self.order) > self.max_heads:
            oldest = self.order.popleft()
            self.lsh.remove(oldest)
            del self.heads[oldest]
