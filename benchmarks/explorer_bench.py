"""Explorer responsiveness on a large synthetic corpus, driven with Textual's Pilot.

Prints:
- time to first frame of the explorer and of a minimal Textual app, each started in a fresh process the same way
  (`python -c ...`, timed from process start until the first screen has been painted), and their ratio;
- per cursor move (j) on the 10,000-event timeline, from key press to the repainted screen;
- per search keystroke, from key press until the results of that keystroke are on screen.

Targets: cursor move < 16 ms, search keystroke < 50 ms, first frame < 1.5 x the minimal app's.

    python benchmarks/explorer_bench.py [--articles 2000] [--events 10000] [--moves 200]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate

FIRST_FRAME = """
import sys, time
from textual.app import App
{setup}
class Probe({base}):
    def on_mount(self):
        super_mount = getattr(super(), "on_mount", None)
        if super_mount: super_mount()
        self.call_after_refresh(self.done)
    def done(self):
        print(time.perf_counter(), flush=True)
        self.exit()
Probe({args}).run(headless=True)
"""

MINIMAL_SETUP = """
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static('hello')
"""
MINIMAL = FIRST_FRAME.format(
    setup=MINIMAL_SETUP,
    base="Minimal",
    args="",
)


def explorer_probe(events: Path, corpus: Path) -> str:
    setup = "from tui.app import TimelineApp\nfrom tui.paths import DataPaths\nfrom pathlib import Path"
    args = f"DataPaths(Path({str(events)!r}), Path({str(corpus)!r})), watch=False"
    return FIRST_FRAME.format(setup=setup, base="TimelineApp", args=args)


def first_frame(code: str, env: dict[str, str]) -> float:
    """Seconds from starting the process until the first frame, median of 5 runs."""
    times = []
    for _ in range(5):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        stamp = float(out.stdout.strip().splitlines()[-1])
        # perf_counter is system-wide monotonic on Linux, so the child's stamp compares with ours
        times.append(stamp - start)
    return statistics.median(times)


async def interactive(events: Path, corpus: Path, moves: int) -> tuple[list[float], list[float], float]:
    from tui.app import TimelineApp
    from tui.paths import DataPaths

    app = TimelineApp(DataPaths(events, corpus), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        start = time.perf_counter()
        while app.timeline is None or app.search_index is None:
            await pilot.pause(0.05)
        load = time.perf_counter() - start
        await pilot.pause()
        move_times = []
        for _ in range(moves):
            t0 = time.perf_counter()
            await pilot.press("j")
            await pilot.pause()  # the repaint
            move_times.append(time.perf_counter() - t0)
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        key_times = []
        for char in "khamenei netanyahu":
            t0 = time.perf_counter()
            generation = screen.generation + 1
            await pilot.press("space" if char == " " else char)
            while screen.shown_generation < generation:
                await pilot.pause(0.001)
            key_times.append(time.perf_counter() - t0)
    return move_times, key_times, load


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--moves", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        events, corpus = generate(root / "data", args.articles, args.events)
        print(f"synthetic corpus: {args.articles} articles, {args.events} events ({time.perf_counter() - t0:.1f} s)")
        env = {**os.environ, "TIMELINE_CACHE_DIR": str(root / "cache")}
        os.environ["TIMELINE_CACHE_DIR"] = str(root / "cache")
        minimal = first_frame(MINIMAL, env)
        explorer = first_frame(explorer_probe(events, corpus), env)
        print(
            f"first frame: explorer {ms(explorer)}, minimal Textual app {ms(minimal)}, "
            f"ratio {explorer / minimal:.2f} (target < 1.5)"
        )
        moves, keys, load = asyncio.run(interactive(events, corpus, args.moves))
        print(f"load + merge + search index in the background: {load:.2f} s (cache warm from the probes)")
        print(
            f"cursor move: median {ms(statistics.median(moves))}, p95 {ms(sorted(moves)[int(len(moves) * 0.95)])} "
            f"over {len(moves)} moves (target < 16 ms)"
        )
        print(
            f"search keystroke: median {ms(statistics.median(keys))}, max {ms(max(keys))} "
            f"over {len(keys)} keystrokes (target < 50 ms)"
        )


if __name__ == "__main__":
    main()
