"""The corpus index's tokens on disk (`align.Tokens`), so that a new process that matches one changed event does not
read every paragraph's words again: that is most of the cost of indexing a large corpus.

One file beside the merge cache of the same dataset, keyed by the digest of every article in corpus order and the
matcher's settings (`cache.input_key` of the corpus alone). It is numpy's format without pickles: nothing in it
runs. A file that does not load into the shapes this corpus needs is ignored, and the index is built again.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import numpy as np

from . import align, cache
from .atomic import WriteRefused
from .corpus import Corpus
from .textinput import NotAFile, TooLarge, read_file_limited

FORMAT = "timeline-index/1"
MAX_BYTES = 2**31  # far above any corpus's index: a bound, not a limit users meet


def index_path(slot: Path) -> Path:
    """The index file beside the merge cache file `slot`."""
    return slot.with_suffix(".index.npz")


def corpus_key(corpus: Corpus, article_digests: dict[str, str]) -> str:
    return cache.input_key({a.id: article_digests[a.id] for a in corpus.articles}, {})


def save(path: Path, key: str, tokens: align.Tokens) -> None:
    """Write the tokens atomically; a cache folder that cannot be written is left be (the merge cache says so)."""
    vocabulary = list(tokens.postings)
    lengths = [len(tokens.postings[token]) for token in vocabulary]
    postings = [tokens.postings[token] for token in vocabulary]
    buffer = io.BytesIO()
    np.savez(
        buffer,
        format=np.array(FORMAT),
        key=np.array(key),
        vocabulary=np.frombuffer("\n".join(vocabulary).encode("utf-8", "surrogatepass"), np.uint8),
        offsets=np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)]),
        positions=np.concatenate(postings) if postings else np.zeros(0, np.int32),
        weights=np.array(tokens.weights, np.int64),
        word_counts=np.array(tokens.word_counts, np.int64),
        short=np.array(tokens.short, bool),
    )
    with contextlib.suppress(OSError, WriteRefused):
        cache.save(path, buffer.getvalue())


def load(path: Path, key: str, paragraphs: int) -> align.Tokens | None:
    """The tokens stored for this key and a corpus of `paragraphs` content paragraphs; None when there are none."""
    try:
        with np.load(io.BytesIO(read_file_limited(path, MAX_BYTES)), allow_pickle=False) as stored:
            if str(stored["format"]) != FORMAT or str(stored["key"]) != key:
                return None
            arrays = {name: stored[name] for name in ("vocabulary", "offsets", "positions", "weights", "word_counts")}
            short = stored["short"]
        vocabulary = arrays["vocabulary"].tobytes().decode("utf-8", "surrogatepass").split("\n")
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, TooLarge, NotAFile):
        return None
    offsets, positions = arrays["offsets"], arrays["positions"].astype(np.int32, copy=False)
    per_paragraph = (arrays["weights"], arrays["word_counts"], short)
    if not _consistent(vocabulary, offsets, positions, per_paragraph, paragraphs):
        return None
    bounds = offsets.tolist()
    postings = {token: positions[bounds[n] : bounds[n + 1]] for n, token in enumerate(vocabulary)}
    weights, word_counts, _ = per_paragraph
    return align.Tokens(weights.tolist(), word_counts.tolist(), short.astype(bool).tolist(), postings)


def _consistent(
    vocabulary: list[str],
    offsets: np.ndarray,
    positions: np.ndarray,
    per_paragraph: tuple[np.ndarray, ...],
    paragraphs: int,
) -> bool:
    """Whether the arrays make postings of distinct tokens, ascending, within the corpus; one entry a paragraph."""
    if any(array.shape != (paragraphs,) for array in per_paragraph) or offsets.shape != (len(vocabulary) + 1,):
        return False
    if len(set(vocabulary)) != len(vocabulary) or offsets[0] != 0 or offsets[-1] != len(positions):
        return False
    if np.any(np.diff(offsets) <= 0) or (len(positions) and (positions.min() < 0 or positions.max() >= paragraphs)):
        return False
    starts = np.zeros(len(positions), bool)
    starts[offsets[:-1]] = True  # each token's postings start afresh
    return bool(np.all((np.diff(positions) > 0) | starts[1:]))
