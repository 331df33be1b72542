"""The incremental story clusterer on hand-made vectors: joining, time windows, names,
near-duplicates, merging two strands of one story, and saving state between batches."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from dossier.corpus.cluster import ArticleSignal, StoryClusterer, article_names
from dossier.model import Article, Entity


def unit(*values: float) -> np.ndarray:
    vector = np.asarray(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


SYRIA, HAITI = unit(1, 0, 0), unit(0, 1, 0)
NEAR_SYRIA = unit(1, 0.3, 0)  # cosine 0.96 to SYRIA
D = dt.date


def signal(id_, vector, date=None, names=(), duplicate_of=None):
    return ArticleSignal(id_, vector, frozenset(names), date, duplicate_of)


def test_similar_articles_join_and_different_ones_open_new_stories():
    clusterer = StoryClusterer()
    a = clusterer.add(signal("a", SYRIA, D(2016, 2, 1)))
    b = clusterer.add(signal("b", NEAR_SYRIA, D(2016, 2, 3)))
    c = clusterer.add(signal("c", HAITI, D(2016, 2, 3)))
    assert a == b != c
    assert len(clusterer.live_stories()) == 2


def test_a_story_closes_after_its_time_window():
    clusterer = StoryClusterer(window_days=30)
    first = clusterer.add(signal("a", SYRIA, D(2016, 2, 1)))
    later = clusterer.add(signal("b", SYRIA, D(2017, 2, 1)))
    undated = clusterer.add(signal("c", SYRIA))
    assert first != later
    assert undated in (first, later)


def test_shared_names_lift_an_article_that_is_only_fairly_close():
    middling = unit(1, 1.1, 0)  # cosine about 0.67 to SYRIA: below the threshold alone
    alone = StoryClusterer(threshold=0.75, name_weight=0.3)
    alone.add(signal("a", SYRIA, names={"de mistura", "geneva"}))
    assert alone.add(signal("b", middling)) != alone.story_of["a"]
    named = StoryClusterer(threshold=0.75, name_weight=0.3)
    named.add(signal("a", SYRIA, names={"de mistura", "geneva"}))
    assert named.add(signal("b", middling, names={"de mistura", "geneva"})) == named.story_of["a"]


def test_a_near_duplicate_joins_its_original_whatever_its_vector():
    clusterer = StoryClusterer()
    story = clusterer.add(signal("a", SYRIA))
    assert clusterer.add(signal("copy", HAITI, duplicate_of="a")) == story


def test_two_strands_of_one_story_merge_when_they_meet():
    clusterer = StoryClusterer(threshold=0.9, merge_threshold=0.8)
    left = clusterer.add(signal("a", unit(1, 0.6, 0)))
    right = clusterer.add(signal("b", unit(1, -0.6, 0)))
    assert left != right  # cosine 0.47: two stories so far
    for n in range(6):  # articles in between pull both centroids together
        clusterer.add(signal(f"m{n}", SYRIA))
    assignments = clusterer.assignments()
    assert assignments["a"] == assignments["b"] == assignments["m0"]
    assert len(clusterer.live_stories()) == 1


def test_state_is_saved_and_a_new_batch_joins_existing_stories(tmp_path):
    clusterer = StoryClusterer()
    syria = clusterer.add(signal("a", SYRIA, D(2016, 2, 1), names={"aleppo"}))
    clusterer.add(signal("b", HAITI, D(2016, 2, 1)))
    clusterer.save(tmp_path)
    again = StoryClusterer.load(tmp_path)
    assert again.add(signal("c", NEAR_SYRIA, D(2016, 2, 2))) == syria
    assert again.assignments()["a"] == syria
    assert again.stories[0].names["aleppo"] == 1


def test_names_come_from_the_lead_and_are_normalised():
    text = "The United States and Russia met in Geneva. " + "x " * 1000 + "Later Paris spoke."
    article = Article(
        id="a", path="x", format="text", language="en", text=text,
        entities=[Entity(start=0, end=17, label="GPE", text="The United States"),
                  Entity(start=22, end=28, label="GPE", text="Russia"),
                  Entity(start=len(text) - 12, end=len(text) - 7, label="GPE", text="Paris")],
    )  # fmt: skip
    assert article_names(article) == {"united states", "russia"}


@pytest.mark.parametrize("n", [0, 1])
def test_empty_and_single_streams(n):
    clusterer = StoryClusterer()
    assert clusterer.add_all(signal(str(i), SYRIA) for i in range(n)) == (
        {"0": "s00001"} if n else {}
    )


def test_a_long_running_story_stays_findable_across_time_buckets():
    clusterer = StoryClusterer(window_days=30)
    story = clusterer.add(signal("a", SYRIA, D(2016, 1, 1)))
    # One article every 25 days keeps it open for two years, through many buckets.
    for n in range(1, 30):
        day = D(2016, 1, 1) + dt.timedelta(days=25 * n)
        assert clusterer.add(signal(f"a{n}", NEAR_SYRIA, day)) == story
    # An article from the story's early days still finds it (archives arrive out of order).
    assert clusterer.add(signal("early", SYRIA, D(2016, 1, 20))) == story
    assert clusterer.add(signal("gap", SYRIA, D(2019, 1, 1))) != story


def test_an_undated_story_is_open_to_articles_of_any_date_and_can_take_dates(tmp_path):
    clusterer = StoryClusterer(window_days=30)
    story = clusterer.add(signal("a", SYRIA))
    assert clusterer.add(signal("b", NEAR_SYRIA, D(2016, 2, 1))) == story
    clusterer.save(tmp_path)
    again = StoryClusterer.load(tmp_path)
    # Dated now: found through its time bucket after loading, closed far from its dates.
    assert again.add(signal("c", SYRIA, D(2016, 2, 20))) == story
    assert again.add(signal("d", SYRIA, D(2018, 2, 20))) != story


def test_strands_merge_only_where_the_stream_meets_them():
    clusterer = StoryClusterer(threshold=0.9, merge_threshold=0.8, window_days=30)
    left = clusterer.add(signal("a", unit(1, 0.6, 0), D(2016, 1, 1)))
    right = clusterer.add(signal("b", unit(1, -0.6, 0), D(2016, 1, 2)))
    far = clusterer.add(signal("c", unit(1, -0.6, 0), D(2016, 9, 1)))  # same subject, later
    assert len({left, right, far}) == 3
    for n in range(6):
        clusterer.add(signal(f"m{n}", SYRIA, D(2016, 1, 3)))
    assignments = clusterer.assignments()
    assert assignments["a"] == assignments["b"] == assignments["m0"]
    assert assignments["c"] != assignments["a"]
