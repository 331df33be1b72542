"""Near-duplicate articles (syndicated copies, re-posts): flagged, never dropped.

MinHash signatures over word 5-gram shingles, indexed with LSH, so each new article is
compared with the few candidates that share bands instead of with every earlier article.
"""

from __future__ import annotations

import hashlib
import re

from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"\w+")
SHINGLE = 5
NUM_PERM = 64
THRESHOLD = 0.8
MIN_WORDS = 25


def _shingles(text: str) -> list[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return [" ".join(words).encode()] if words else []
    return [" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)]


class NearDuplicateIndex:
    """Feed articles in input order; `add` returns the id of an earlier near-copy, if any."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}
        self._exact: dict[bytes, str] = {}
        template = MinHash(num_perm=NUM_PERM, seed=1)
        # Reuse one set of permutations instead of drawing them again for every article.
        self._permutations, self._scheme = template.permutations, template.scheme

    def add(self, article_id: str, text: str) -> str | None:
        words = _WORD.findall(text.casefold())
        exact_key = hashlib.blake2b(" ".join(words).encode(), digest_size=16).digest()
        if exact_key in self._exact:
            return self._exact[exact_key]
        self._exact[exact_key] = article_id
        if len(words) < MIN_WORDS:
            return None
        signature = MinHash(
            num_perm=NUM_PERM, seed=1, permutations=self._permutations, scheme=self._scheme
        )
        signature.update_batch(_shingles(text))
        best: tuple[float, str] | None = None
        for candidate in self._lsh.query(signature):
            similarity = signature.jaccard(self._signatures[candidate])
            if similarity >= self.threshold and (best is None or similarity > best[0]):
                best = (similarity, candidate)
        self._lsh.insert(article_id, signature)
        self._signatures[article_id] = signature
        return best[1] if best else None

