"""One piece of work done in a forked helper process while this process does another.

The helper inherits this process's memory when it is forked, so the work's inputs are never copied; its result
comes back pickled. Where processes cannot be forked (or one cannot be started, or it dies), the work is done in
this process when its result is asked for: the result is the same either way, only later.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

Result = TypeVar("Result")

_work: Callable[[], Any] | None = None  # what the helper forked next runs: set only while it is forked


def _run() -> Any:
    assert _work is not None
    return _work()


def cores() -> int:
    """How many cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def forked_pool(workers: int) -> ProcessPoolExecutor | None:
    """A pool of `workers` helper processes, each forked from this one when the pool first needs it (so it shares
    this process's memory as it is then); None where processes cannot be forked. Starting one may still fail
    (OSError, BrokenProcessPool): the caller then does the work itself."""
    if workers < 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


class Aside(Generic[Result]):
    """`work()` started in a helper process; `result()` waits for it (or does it here, if the helper could not)."""

    def __init__(self, work: Callable[[], Result]) -> None:
        global _work
        self._work = work
        self._pool: ProcessPoolExecutor | None = None
        self._future: Future[Result] | None = None
        _work = work
        try:
            self._pool = forked_pool(1)
            if self._pool is not None:
                self._future = self._pool.submit(_run)  # the helper is forked here, holding `_work`
        except (OSError, BrokenProcessPool):  # no process could be started: the work is done here when asked
            self._future = None
        finally:
            _work = None

    def result(self) -> Result:
        """The work's result, from the helper or, failing it, worked out here."""
        try:
            if self._future is not None:
                return self._future.result()
        except Exception:  # the helper died or failed: done here, where a failure shows as itself
            pass
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                self._pool = None
        return self._work()
