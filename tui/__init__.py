"""timeline: a terminal explorer for an evidenced chronology."""

import os

__version__ = "0.1.0"

# numpy serves the matcher for sums over arrays, never for linear algebra: left to itself, importing it starts
# OpenBLAS's pool of threads, one per core, which nothing uses and which costs half of numpy's import time (35 ms of
# a warm start). A value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
