"""Explorer responsiveness on a large synthetic corpus, driven with Textual's Pilot.

Prints:
- the CPU time to read and validate the inputs (the events file and every article): parsed, as a first start and
  `timeline check` do, and taken as an earlier start kept them (`parsecache`), as a warm start does;
- the time from the explorer's start until the data is loaded and merged in the background and the timeline shown
  (the explorer running meanwhile), and until the search index, built after that, is ready: cold (an empty
  cache) and warm, each in a fresh process;
- time to first frame of the explorer and of a minimal Textual app, each started in a fresh process the same way
  (`python -c ...`, timed from process start until the first screen has been painted), and their ratio;
- per cursor move (j) on the 10,000-event timeline: main-thread CPU from key press to the repainted list, and the
  detail pane's redraw once the cursor rests (it is deferred off the keystroke path);
- per search keystroke: main-thread CPU from key press until that keystroke's results are on screen, and the
  engine's own time per query (it runs in a worker thread).

Targets: cursor move < 16 ms, search keystroke < 50 ms, first frame < 1.5 x the minimal app's.

    python benchmarks/explorer_bench.py [--articles 2000] [--events 10000] [--moves 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
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


LOADED = """
import resource, sys, time
from tui.app import TimelineApp
from tui.paths import DataPaths
from pathlib import Path
def cpu():
    own, helpers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + helpers.ru_utime + helpers.ru_stime
class Probe(TimelineApp):
    shown = None
    def on_mount(self):
        self.start = time.perf_counter(), cpu()
        super().on_mount()
        self.set_interval(0.02, self.check)
    def check(self):
        if self.shown is None and self.timeline is not None:
            self.shown = time.perf_counter() - self.start[0], cpu() - self.start[1]
        if self.shown is not None and self.search_index is not None:  # built in a worker once the timeline is shown
            print(*self.shown, time.perf_counter() - self.start[0], flush=True)
            self.exit()
Probe(DataPaths(Path({events!r}), Path({corpus!r})), live_reload=False).run(headless=True)
"""


PARSE = """
import time
from pathlib import Path
from tui import cache, parsecache
from tui.timeline import load_inputs
events, corpus = Path({events!r}), Path({corpus!r})
start = time.process_time()
with cache.paused_gc():  # as build_timeline reads them
    if {fresh!r}:
        load_inputs(events, corpus)
    else:
        parsecache.load_inputs(events, corpus, cache.cache_path(events, corpus))
print(time.process_time() - start)
"""


def parse_time(events: Path, corpus: Path, env: dict[str, str], fresh: bool = True) -> float:
    """CPU seconds to read and validate both inputs in a fresh process: parsed (a first start, and `timeline
    check`), or taken as they were validated by an earlier start (`parsecache`, filled by a first call)."""
    code = PARSE.format(events=str(events), corpus=str(corpus), fresh=fresh)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def load_times(events: Path, corpus: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """Seconds from the explorer's start (its mount) until the data is loaded, merged and shown (wall, and CPU of
    the process and its helpers), and until the search index is ready too (wall), the explorer running meanwhile."""
    code = LOADED.format(events=str(events), corpus=str(corpus))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    wall, cpu, searchable = out.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu), float(searchable)


def explorer_probe(events: Path, corpus: Path) -> str:
    setup = "from tui.app import TimelineApp\nfrom tui.paths import DataPaths\nfrom pathlib import Path"
    args = f"DataPaths(Path({str(events)!r}), Path({str(corpus)!r})), live_reload=False"
    return FIRST_FRAME.format(setup=setup, base="TimelineApp", args=args)


def first_frame_once(code: str, env: dict[str, str]) -> float:
    """Seconds from starting the process until its first frame is painted."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    # perf_counter is system-wide monotonic on Linux, so the child's stamp compares with ours
    return float(out.stdout.strip().splitlines()[-1]) - start


def first_frames(codes: list[str], env: dict[str, str], runs: int = 9) -> list[float]:
    """Median first frame of each program, runs interleaved so that machine load weighs on all alike."""
    times: list[list[float]] = [[] for _ in codes]
    for _ in range(runs):
        for index, code in enumerate(codes):
            times[index].append(first_frame_once(code, env))
    return [statistics.median(t) for t in times]


async def _loaded(app) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    while app.timeline is None or app.search_index is None:  # the index is built once the timeline is shown
        await asyncio.sleep(0.05)
    return time.perf_counter() - start


async def interactive(events: Path, corpus: Path, moves: int) -> dict[str, list[float] | float]:
    """Main-thread CPU seconds per keystroke (what the key costs the UI), and the engine's time per query.

    CPU time rather than wall time: Pilot's press-and-pause round trip takes ~80 ms of waiting even for a trivial
    app, far above what is measured here; the minimal app's figure is printed as the baseline.
    """
    import tui.screens.timeline
    from tui.app import TimelineApp
    from tui.paths import DataPaths

    tui.screens.timeline.DETAIL_DELAY = 3600  # the detail redraw is triggered and timed by hand below
    app = TimelineApp(DataPaths(events, corpus), live_reload=False)
    result: dict[str, list[float] | float] = {"move": [], "detail": [], "key": [], "query": []}
    async with app.run_test(size=(120, 40)) as pilot:
        result["load"] = await _loaded(app)
        await pilot.pause(0.2)
        screen = app.main
        for _ in range(moves):
            t0 = time.thread_time()
            await pilot.press("j")
            await pilot.pause()  # the list and the density strip repainted
            result["move"].append(time.thread_time() - t0)  # type: ignore[union-attr]
            t0 = time.thread_time()
            screen._show_detail()  # what the deferred redraw does once the cursor rests, timed on its own
            await pilot.pause()
            result["detail"].append(time.thread_time() - t0)  # type: ignore[union-attr]
        await pilot.press("slash")
        await pilot.pause()
        search = app.screen
        typed = ""
        for char in "khamenei netanyahu":
            typed += char
            t0 = time.perf_counter()
            app.timeline.search_index.search(typed, limit=30)
            result["query"].append(time.perf_counter() - t0)  # type: ignore[union-attr]
            t0 = time.thread_time()
            generation = search.generation + 1
            await pilot.press("space" if char == " " else char)
            while search.shown_generation < generation:
                await pilot.pause(0.001)
            await pilot.pause()
            result["key"].append(time.thread_time() - t0)  # type: ignore[union-attr]
    return result


async def baseline(moves: int) -> list[float]:
    """The same press-and-repaint, measured the same way, on a minimal Textual app."""
    from textual.app import App
    from textual.widgets import Static

    class Minimal(App[None]):
        BINDINGS = [("j", "step", "")]
        count = 0

        def compose(self):  # type: ignore[no-untyped-def]
            yield Static("0", id="count")

        def action_step(self) -> None:
            self.count += 1
            self.query_one("#count", Static).update(str(self.count))

    times = []
    async with Minimal().run_test(size=(120, 40)) as pilot:
        for _ in range(moves):
            t0 = time.thread_time()
            await pilot.press("j")
            await pilot.pause()
            times.append(time.thread_time() - t0)
    return times


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--shape", choices=["news", "syndicated"], default="news", help="of the synthetic corpus")
    parser.add_argument("--load-runs", type=int, default=3, help="cold and warm loads, medians reported")
    args = parser.parse_args()
    loads: dict[str, list[tuple[float, float, float]]] = {"cold": [], "warm": []}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        events, corpus = generate(root / "data", args.articles, args.events, shape=args.shape)
        print(f"synthetic corpus: {args.articles} articles, {args.events} events ({time.perf_counter() - t0:.1f} s)")
        parse = statistics.median(parse_time(events, corpus, dict(os.environ)) for _ in range(args.load_runs))
        env = {**os.environ, "TIMELINE_CACHE_DIR": str(root / "parse-cache")}
        parse_time(events, corpus, env, fresh=False)  # parsed and kept
        kept = statistics.median(parse_time(events, corpus, env, fresh=False) for _ in range(args.load_runs))
        print(f"reading and validating the inputs: parsed {parse:.2f} s CPU, as kept by an earlier start {kept:.2f} s")
        for run in range(args.load_runs):
            env = {**os.environ, "TIMELINE_CACHE_DIR": str(root / f"load-cache-{run}")}
            cold, warm = load_times(events, corpus, env), load_times(events, corpus, env)
            loads["cold"].append(cold)
            loads["warm"].append(warm)
            print(
                f"load and merge in the background, run {run + 1}: cold {cold[0]:.2f} s ({cold[1]:.2f} s CPU),", end=" "
            )
            print(f"warm {warm[0]:.2f} s ({warm[1]:.2f} s CPU);", end=" ")
            print(f"search ready: cold {cold[2]:.2f} s, warm {warm[2]:.2f} s", flush=True)
        env = {**os.environ, "TIMELINE_CACHE_DIR": str(root / "cache")}
        os.environ["TIMELINE_CACHE_DIR"] = str(root / "cache")
        minimal, explorer = first_frames([MINIMAL, explorer_probe(events, corpus)], env)
        print(
            f"first frame: explorer {ms(explorer)}, minimal Textual app {ms(minimal)}, "
            f"ratio {explorer / minimal:.2f} (target < 1.5)"
        )
        figures = asyncio.run(interactive(events, corpus, args.moves))
        base = asyncio.run(baseline(args.moves))
        print(f"background load + merge + search index: {figures['load']:.1f} s (the UI stays live meanwhile)")
        report("cursor move (list and density strip)", figures["move"], "target < 16 ms")
        report("detail pane, once the cursor rests", figures["detail"], "not on the keystroke path")
        report("same press on a minimal Textual app", base, "baseline")
        report("search keystroke (UI side)", figures["key"], "target < 50 ms, with the query below")
        report("search query in the worker", figures["query"], "wall time")
        summary = {
            "events": args.events,
            "articles": args.articles,
            "parse_cpu_s": round(parse, 2),
            "parse_kept_cpu_s": round(kept, 2),
            "load_cold_s": round(statistics.median(t[0] for t in loads["cold"]), 2),
            "load_cold_cpu_s": round(statistics.median(t[1] for t in loads["cold"]), 2),
            "load_warm_s": round(statistics.median(t[0] for t in loads["warm"]), 2),
            "load_warm_cpu_s": round(statistics.median(t[1] for t in loads["warm"]), 2),
            "search_ready_warm_s": round(statistics.median(t[2] for t in loads["warm"]), 2),
            "first_frame_ms": round(explorer * 1000, 1),
            "first_frame_ratio": round(explorer / minimal, 2),
            "move_median_ms": round(statistics.median(figures["move"]) * 1000, 1),  # type: ignore[arg-type]
            "key_median_ms": round(statistics.median(figures["key"]) * 1000, 1),  # type: ignore[arg-type]
        }
        print(json.dumps(summary))


def report(what: str, seconds: list[float], note: str) -> None:  # type: ignore[type-arg]
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    print(f"{what}: median {ms(statistics.median(ordered))}, p95 {ms(p95)} over {len(ordered)} ({note})")


if __name__ == "__main__":
    main()
