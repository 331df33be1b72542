import json

import jsonschema
import pytest

from dossier.model import SCHEMA_VERSION, story_json_schema
from tests.conftest import REPO

SCHEMA_FILE = REPO / "dossier" / "schema" / "story.schema.json"


def test_committed_schema_matches_the_model():
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == story_json_schema(), "run: dossier schema --out " + str(SCHEMA_FILE)


def test_schema_rejects_an_article_without_text():
    schema = story_json_schema()
    story = {"schema_version": SCHEMA_VERSION, "articles": [{"id": "a1", "path": "x",
             "format": "text", "language": "en"}], "problems": []}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(story, schema)


@pytest.mark.slow
def test_seed_story_validates_against_the_schema(seed_story):
    jsonschema.validate(seed_story, story_json_schema())
    assert seed_story["schema_version"] == SCHEMA_VERSION
