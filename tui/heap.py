"""Building large graphs of acyclic objects (a parsed events file, a corpus, a merge) without the cyclic garbage
collector's passes, which would only cost time: each one walks every object alive."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc(freeze: bool = True) -> Iterator[None]:
    """No cyclic garbage collection while the block runs.

    With `freeze`, what was built is then frozen (`gc.freeze`) rather than walked by the next three collections: it
    lives as long as its timeline and is freed by reference counting. A long-running caller that replaces it (the
    explorer's reload) calls `gc.unfreeze()` first, so that cyclic garbage frozen with it is still collected. Without
    it, for what is dropped soon after (a file read for one change), collection simply resumes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if freeze:
                gc.freeze()
            gc.enable()
