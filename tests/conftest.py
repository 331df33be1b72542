from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "examples" / "syria-talks"
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def seed_story(tmp_path_factory) -> dict:
    """The bundled sample built once with the real English pipeline."""
    from dossier.pipeline import build

    out = tmp_path_factory.mktemp("seed-story")
    result = build([str(SEEDS)], out)
    assert result.articles == 5
    return json.loads((out / "story.json").read_text(encoding="utf-8"))


def shared_data(name: str) -> Path:
    path = SHARED_DATA / name
    if not path.exists():
        pytest.skip(f"needs ../shared/data/{name}")
    return path
