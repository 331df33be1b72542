"""Stories from a stream of articles, grouped the way a news desk would.

Each article is compared only with the stories active around its date (a time window), by
content (cosine of its sentence embedding to the story's centroid) plus the actors and
places it shares with the story (overlap with the story's most frequent names). It joins the
best story above a threshold or opens a new one; a near-duplicate (syndicated copy, found by
MinHash earlier) joins its original's story directly. Nothing is re-clustered: a new batch
joins the existing stories, and the state (centroids, names, dates) is saved between runs.
Stories are indexed by time (buckets one window wide), so the cost per article is one
matrix-vector product over the stories open around its date, not over every story seen: a
stream costs time linear in its length for a bounded number of concurrently open stories,
however long it runs. (An undated article is compared with every story.)
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from dossier.model import Article

# Content similarity alone must pass this to join a story; shared names lower the bar.
JOIN_THRESHOLD = 0.6
NAME_WEIGHT = 0.45
# Two stories whose centroids come this close are one story told in two strands (a long
# running story the stream reached from two sides): they are merged.
MERGE_THRESHOLD = 0.7
# A story stays open to new articles this long after its latest dated article.
WINDOW_DAYS = 45
TOP_NAMES = 20
_ORDINAL_EPOCH = dt.date(1970, 1, 1).toordinal()


@dataclass
class StoryCluster:
    id: str
    centroid_sum: np.ndarray
    size: int = 0
    names: Counter = field(default_factory=Counter)
    first: int | None = None  # day ordinals
    last: int | None = None
    members: list[str] = field(default_factory=list)
    # most_common() on every comparison dominated the cost; cleared when names change
    _top: set[str] | None = field(default=None, repr=False, compare=False)

    @property
    def centroid(self) -> np.ndarray:
        norm = float(np.linalg.norm(self.centroid_sum))
        return self.centroid_sum / norm if norm else self.centroid_sum

    def top_names(self) -> set[str]:
        if self._top is None:
            self._top = {name for name, _ in self.names.most_common(TOP_NAMES)}
        return self._top

    def add_names(self, names: Iterable[str] | Counter) -> None:
        self.names.update(names)
        self._top = None


@dataclass
class ArticleSignal:
    """What the clusterer needs of one article."""

    id: str
    embedding: np.ndarray  # L2-normalised
    names: frozenset[str] = frozenset()
    date: dt.date | None = None
    duplicate_of: str | None = None


class StoryClusterer:
    def __init__(
        self,
        threshold: float = JOIN_THRESHOLD,
        name_weight: float = NAME_WEIGHT,
        window_days: int = WINDOW_DAYS,
        keep_members: bool = True,
        merge_threshold: float = MERGE_THRESHOLD,
    ):
        self.threshold = threshold
        self.name_weight = name_weight
        self.merge_threshold = merge_threshold
        # story id -> the story it was merged into
        self.merged_into: dict[str, str] = {}
        self.window = window_days
        self.keep_members = keep_members
        self.stories: list[StoryCluster] = []
        self.story_of: dict[str, str] = {}
        self._index: dict[str, int] = {}
        self._matrix: np.ndarray | None = None  # rows: centroids of self.stories
        self._first = np.empty(0)
        self._last = np.empty(0)
        self._alive = np.empty(0, dtype=bool)
        # time bucket (day // window) -> indices of stories whose dates touch it
        self._buckets: dict[int, list[int]] = {}
        self._spans: dict[int, tuple[int, int]] = {}  # story index -> buckets registered
        self._undated: set[int] = set()  # open to articles of any date

    def add(self, article: ArticleSignal) -> str:
        """The id of the story the article joins (a new one if none fits)."""
        if article.duplicate_of and article.duplicate_of in self.story_of:
            story = self.stories[self._index[self.resolve(self.story_of[article.duplicate_of])]]
        else:
            story = self._best(article)
        if story is None:
            story = StoryCluster(
                id=f"s{len(self.stories) + 1:05d}", centroid_sum=np.zeros_like(article.embedding)
            )
            self._index[story.id] = len(self.stories)
            self.stories.append(story)
            self._grow()
        self._join(story, article)
        day = article.date.toordinal() if article.date is not None else None
        return self._merge_close(story, day).id

    def add_all(self, articles: Iterable[ArticleSignal]) -> dict[str, str]:
        for article in articles:
            self.add(article)
        return self.assignments()

    def resolve(self, story_id: str) -> str:
        while story_id in self.merged_into:
            story_id = self.merged_into[story_id]
        return story_id

    def assignments(self) -> dict[str, str]:
        """article id -> story id, after every merge so far."""
        return {article: self.resolve(story) for article, story in self.story_of.items()}

    def live_stories(self) -> list[StoryCluster]:
        return [s for s in self.stories if s.id not in self.merged_into]

    def _open_stories(self, first: int | None, last: int | None) -> np.ndarray:
        """Indices of the live stories open to something dated first..last (day ordinals);
        every live story when undated."""
        n = len(self.stories)
        if first is None or last is None:
            return np.flatnonzero(self._alive[:n])
        found = set(self._undated)
        for bucket in range((first - self.window) // self.window,
                            (last + self.window) // self.window + 1):  # fmt: skip
            found.update(self._buckets.get(bucket, ()))
        index = np.sort(np.fromiter(found, dtype=np.int64, count=len(found)))
        index = index[self._alive[index]]
        # NaN bounds (undated stories) compare False: never stale.
        stale = (self._last[index] < first - self.window) | (
            self._first[index] > last + self.window
        )
        return index[~stale]

    def _merge_close(self, story: StoryCluster, day: int | None) -> StoryCluster:
        """Merge `story`, which just took an article dated `day`, with any story open at that
        date whose centroid is now close to its own. Two strands meet where the stream reaches
        them, so looking only around `day` finds them, and a story running for years does not
        compare itself with every story of those years at each new article."""
        assert self._matrix is not None
        while True:
            index = self._index[story.id]
            if day is None:
                candidates = self._open_stories(story.first, story.last)
            else:
                candidates = self._open_stories(day, day)
            candidates = candidates[candidates != index]
            if not len(candidates):
                return story
            scores = self._matrix[candidates] @ self._matrix[index]
            best = int(np.argmax(scores))
            if scores[best] < self.merge_threshold:
                return story
            other = self.stories[int(candidates[best])]
            keep, gone = (story, other) if story.size >= other.size else (other, story)
            self._absorb(keep, gone)
            story = keep

    def _absorb(self, keep: StoryCluster, gone: StoryCluster) -> None:
        keep.centroid_sum = keep.centroid_sum + gone.centroid_sum
        keep.size += gone.size
        keep.add_names(gone.names)
        keep.members.extend(gone.members)
        for bound, pick in (("first", min), ("last", max)):
            values = [v for v in (getattr(keep, bound), getattr(gone, bound)) if v is not None]
            setattr(keep, bound, pick(values) if values else None)
        gone.members, gone.names = [], Counter()
        self.merged_into[gone.id] = keep.id
        self._alive[self._index[gone.id]] = False
        self._refresh(keep)

    def _best(self, article: ArticleSignal) -> StoryCluster | None:
        if not self.stories:
            return None
        assert self._matrix is not None
        day = article.date.toordinal() if article.date is not None else None
        candidates = self._open_stories(day, day)
        if not len(candidates):
            return None
        scores = self._matrix[candidates] @ article.embedding
        # Names can only lift a story that is already close in content.
        order = np.argsort(-scores, kind="stable")[:10]
        best, best_score = None, -np.inf
        for position in order:
            content = float(scores[position])
            if content < self.threshold - self.name_weight:
                break
            story = self.stories[int(candidates[position])]
            score = content + self.name_weight * _overlap(article.names, story.top_names())
            if score > best_score:
                best, best_score = story, score
        return best if best_score >= self.threshold else None

    def _join(self, story: StoryCluster, article: ArticleSignal) -> None:
        story.centroid_sum = story.centroid_sum + article.embedding
        story.size += 1
        story.add_names(article.names)
        if article.date is not None:
            day = article.date.toordinal()
            story.first = day if story.first is None else min(story.first, day)
            story.last = day if story.last is None else max(story.last, day)
        if self.keep_members:
            story.members.append(article.id)
        self.story_of[article.id] = story.id
        self._refresh(story)

    def _refresh(self, story: StoryCluster) -> None:
        index = self._index[story.id]
        assert self._matrix is not None
        self._matrix[index] = story.centroid
        self._first[index] = np.nan if story.first is None else story.first
        self._last[index] = np.nan if story.last is None else story.last
        self._register(index, story)

    def _register(self, index: int, story: StoryCluster) -> None:
        """Add the story to the time buckets its dates now touch (dates only ever widen)."""
        if story.first is None or story.last is None:
            self._undated.add(index)
            return
        self._undated.discard(index)
        low, high = story.first // self.window, story.last // self.window
        old_low, old_high = self._spans.get(index, (high + 1, high))
        for bucket in range(low, high + 1):
            if not old_low <= bucket <= old_high:
                self._buckets.setdefault(bucket, []).append(index)
        self._spans[index] = (min(low, old_low), max(high, old_high))

    def _grow(self) -> None:
        n, dim = len(self.stories), self.stories[-1].centroid_sum.shape[0]
        if self._matrix is None:
            self._matrix = np.zeros((64, dim), dtype=np.float32)
            self._first = np.full(64, np.nan)
            self._last = np.full(64, np.nan)
            self._alive = np.zeros(64, dtype=bool)
        elif n > self._matrix.shape[0]:
            grow = self._matrix.shape[0]
            self._matrix = np.vstack([self._matrix, np.zeros((grow, dim), dtype=np.float32)])
            self._first = np.concatenate([self._first, np.full(grow, np.nan)])
            self._last = np.concatenate([self._last, np.full(grow, np.nan)])
            self._alive = np.concatenate([self._alive, np.zeros(grow, dtype=bool)])
        self._alive[n - 1] = True

    # -- persistence: a later batch joins the stories of earlier ones -------------------

    def save(self, folder: Path, with_assignments: bool = True) -> None:
        """Write the state to `folder`. Without assignments the file stays as small as the
        number of stories (corpus mode keeps each batch's assignments beside the batch)."""
        folder.mkdir(parents=True, exist_ok=True)
        centroids = np.stack([s.centroid_sum for s in self.stories]) if self.stories else None
        meta = {
            "threshold": self.threshold,
            "name_weight": self.name_weight,
            "window_days": self.window,
            "stories": [
                {"id": s.id, "size": s.size, "first": s.first, "last": s.last,
                 "names": dict(s.names.most_common(200))}
                for s in self.stories
            ],
            "story_of": self.story_of if with_assignments else {},
            "merged_into": self.merged_into,
            "merge_threshold": self.merge_threshold,
        }  # fmt: skip
        tmp_meta = folder / "clusters.json.tmp"
        tmp_meta.write_text(json.dumps(meta), encoding="utf-8")
        if centroids is not None:
            with (folder / "centroids.npy.tmp").open("wb") as handle:
                np.save(handle, centroids)
            (folder / "centroids.npy.tmp").replace(folder / "centroids.npy")
        tmp_meta.replace(folder / "clusters.json")

    @classmethod
    def load(cls, folder: Path) -> StoryClusterer:
        meta = json.loads((folder / "clusters.json").read_text(encoding="utf-8"))
        clusterer = cls(
            meta["threshold"],
            meta["name_weight"],
            meta["window_days"],
            merge_threshold=meta["merge_threshold"],
        )
        if meta["stories"]:
            centroids = np.load(folder / "centroids.npy")
            for row, info in zip(centroids, meta["stories"], strict=True):
                story = StoryCluster(
                    id=info["id"], centroid_sum=row.astype(np.float32), size=info["size"],
                    names=Counter(info["names"]), first=info["first"], last=info["last"],
                )  # fmt: skip
                clusterer._index[story.id] = len(clusterer.stories)
                clusterer.stories.append(story)
                clusterer._grow()
                index = clusterer._index[story.id]
                assert clusterer._matrix is not None
                clusterer._matrix[index] = story.centroid
                clusterer._first[index] = np.nan if story.first is None else story.first
                clusterer._last[index] = np.nan if story.last is None else story.last
                clusterer._register(index, story)
        clusterer.story_of = dict(meta["story_of"])
        clusterer.merged_into = dict(meta["merged_into"])
        for gone in clusterer.merged_into:
            clusterer._alive[clusterer._index[gone]] = False
        return clusterer


# What an article is about is in its title and opening paragraphs.
LEAD_CHARS = 1500
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "EVENT", "FAC", "LOC"})


def lead_text(article: Article) -> str:
    lead = article.text[:LEAD_CHARS]
    return f"{article.title}. {lead}" if article.title else lead


def article_names(article: Article, limit: int = LEAD_CHARS) -> frozenset[str]:
    """Names in the article's lead, normalised ("the United States" -> "united states")."""
    names = set()
    for entity in article.entities:
        if entity.label in NAME_LABELS and entity.start < limit:
            words = entity.text.casefold().split()
            if words and words[0] == "the":
                words = words[1:]
            if words:
                names.add(" ".join(words))
    return frozenset(names)


def article_signal(article: Article, embedding: np.ndarray) -> ArticleSignal:
    return ArticleSignal(
        id=article.id,
        embedding=embedding,
        names=article_names(article),
        date=article.published,
        duplicate_of=article.duplicate_of,
    )


def _overlap(names: frozenset[str], story_names: set[str]) -> float:
    if not names or not story_names:
        return 0.0
    return len(names & story_names) / min(len(names), len(story_names))
