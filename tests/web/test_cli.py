from __future__ import annotations

from click.testing import CliRunner

from dossier.store import Store
from dossier.web import cli as web_cli
from tests.conftest import SEEDS
from tests.store.sample import rich_story


def test_store_build_keeps_the_built_story_and_its_input_files(tmp_path):
    out = tmp_path / "Syria Talks"
    out.mkdir()
    story = rich_story()
    (out / "story.json").write_text(story.model_dump_json(), encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert web_cli.store_build(db, None, out, [str(SEEDS)]) == ("syria-talks", 1)
    assert web_cli.store_build(db, "syria-talks", out, [str(SEEDS)]) == ("syria-talks", 2)
    store = Store(db)
    assert store.story("syria-talks") == story
    assert sorted(store.input_names("syria-talks")) == sorted(p.name for p in SEEDS.iterdir())


def test_serve_requires_a_token_beyond_loopback(monkeypatch, tmp_path):
    seen = {}

    def fake_run(app, host, port, log_level):
        seen.update(token=app.state.token, host=host, port=port)

    monkeypatch.setattr("uvicorn.run", fake_run)
    runner = CliRunner()
    db = str(tmp_path / "s.db")
    result = runner.invoke(web_cli.serve, ["--db", db])
    assert result.exit_code == 0 and seen == {"token": None, "host": "127.0.0.1", "port": 8000}
    result = runner.invoke(web_cli.serve, ["--db", db, "--host", "0.0.0.0", "--port", "9001"])
    assert result.exit_code == 0 and len(seen["token"]) >= 24
    assert f"?token={seen['token']}" in result.output
    result = runner.invoke(web_cli.serve, ["--db", db, "--host", "0.0.0.0", "--token", "abc"])
    assert seen["token"] == "abc"
