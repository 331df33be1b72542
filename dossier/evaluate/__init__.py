"""Evaluation commands: each analytic stage measured on real data next to a baseline."""

from __future__ import annotations

from pathlib import Path

SHARED_DATA_CANDIDATES = (
    Path("../shared/data"),
    Path(__file__).resolve().parents[2].parent / "shared" / "data",
)


def default_data_path(name: str) -> Path | None:
    """`../shared/data/NAME` (beside the checkout or the working folder), if it exists."""
    for root in SHARED_DATA_CANDIDATES:
        candidate = root / name
        if candidate.exists():
            return candidate
    return None
