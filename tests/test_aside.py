"""Work done in a forked helper process: its result, or the same result worked out here when the helper fails."""

from __future__ import annotations

import os

from tui.aside import Aside


def _where() -> int:
    return os.getpid()


def test_the_work_is_done_in_another_process() -> None:
    assert Aside(_where).result() != os.getpid()


def test_the_work_is_done_here_when_the_helper_dies() -> None:
    here = os.getpid()

    def die_aside() -> int:
        if os.getpid() != here:
            os._exit(1)  # the helper dies without a word
        return os.getpid()

    assert Aside(die_aside).result() == here


def test_the_work_is_done_here_when_it_fails_aside() -> None:
    here = os.getpid()

    def fail_aside() -> str:
        if os.getpid() != here:
            raise MemoryError
        return "done"

    assert Aside(fail_aside).result() == "done"
