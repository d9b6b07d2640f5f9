"""bench_surface.py: the grid of bench_surface.c in PyTorch and numpy.

Usage: python3 bench_surface.py DUMP, where DUMP is the file written by
"bench_surface --dump DUMP": the 2-16-1 network's weights and biases, the
data, the grid (two first-layer weights W1[j][k], their range and the
points a side), the sum of reluscape's grid, its values at a few grid
points, and reluscape's times per grid on all its threads and on one.

The grid is computed the way a user would without reluscape: row by row,
the side grid points of a row as one batch.  For a row at v, W1 is
repeated into a (side, 16, 2) batch whose first weight runs over every u
of the row and whose second is moved by v, then

    h = relu(x @ W1.transpose(1, 2) + b1)     # (side, 256, 16)
    out = h @ W2.T + b2                       # (side, 256, 1)
    loss = ((out - y) ** 2).mean(over the points)

in float64, in PyTorch (under torch.no_grad()) and in numpy, whichever is
installed (the other is skipped and said so).  The script

  1. checks that each gives reluscape's values at the dumped grid points,
     and, once, that the sum of the whole grid agrees (to 1e-12 relative;
     exit status 1 otherwise);
  2. times the whole grid: the median of 3 timings, after a warm-up that
     also estimates the time of a grid.  A grid that would take more than
     BUDGET seconds is timed on every k-th row only and scaled up to the
     whole grid, and the output says so, to keep the run under a minute;
  3. prints the ratios of reluscape's time to theirs: reluscape on its
     default threads (all the cores) against PyTorch on one thread and on
     its default and all the CPUs, reluscape on one thread against PyTorch
     on one, and reluscape against numpy (which runs its elementwise work
     on one thread; its matrix products on whatever BLAS is installed).

Prints figures; never a pass/fail, except when the grids differ.
"""

import math
import os
import statistics
import sys
import time

try:
    import numpy as np
except ImportError:
    np = None
try:
    import torch
except ImportError:
    torch = None

TOLERANCE = 1e-12
REPS = 3
BUDGET = 3.0
GOAL_TORCH = 50
GOAL_NUMPY = 20


def read_dump(path):
    """The lines "name count v1 v2 ..." of path as {name: [v1, v2, ...]}."""
    blocks = {}
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            name, count, *values = line.split()
            if len(values) != int(count):
                sys.exit(f"{path}: {name} has {len(values)} values, "
                         f"not {count}")
            blocks[name] = [float(v) for v in values]
    return blocks


def coords(lo, hi, n):
    """The n grid coordinates on [lo, hi], in the arithmetic of
    rs_surface_coord: lo + (k / (n - 1)) (hi - lo), and hi at the end."""
    return [lo + (k / (n - 1)) * (hi - lo) for k in range(n - 1)] + [hi]


class Grid:
    """The dump: the network, the data and the grid, as plain lists."""

    def __init__(self, blocks):
        self.blocks = blocks
        self.side = int(blocks["side"][0])
        self.hidden = len(blocks["b1"])
        lo, hi = blocks["range"]
        self.u = coords(lo, hi, self.side)
        self.v = self.u
        a = [int(i) for i in blocks["axes"]]
        self.axes = (a[0], a[1]), (a[2], a[3])
        s = blocks["samples"]
        self.samples = [(int(s[q]), int(s[q + 1]), s[q + 2])
                        for q in range(0, len(s), 3)]
        self.threads = int(blocks["threads"][0])
        self.sec = blocks["ms_threads"][0] / 1e3
        self.sec_1 = blocks["ms_1thread"][0] / 1e3


class Backend:
    """One library's arrays of the dump and its row of losses."""

    def __init__(self, name, lib, array, g):
        b = g.blocks
        self.name, self.lib, self.g = name, lib, g
        self.W1 = array(b["W1"]).reshape(g.hidden, -1)
        self.b1 = array(b["b1"])
        self.W2 = array(b["W2"]).reshape(1, g.hidden)
        self.b2 = array(b["b2"])
        self.x = array(b["x"]).reshape(-1, self.W1.shape[1])
        self.y = array(b["y"]).reshape(-1, 1)
        self.u = array(g.u)

    def batch(self, v):
        """W1 for every grid point of the row at v: (side, 16, 2)."""
        (j1, k1), (j2, k2) = self.g.axes
        W = self.repeat(self.W1, self.g.side)
        W[:, j1, k1] += self.u
        W[:, j2, k2] += v
        return W

    def row(self, v):
        """The MSE at every grid point of the row at v."""
        W = self.batch(v)
        h = self.relu(self.x @ W.swapaxes(1, 2) + self.b1)
        out = h @ self.W2.T + self.b2
        return self.mean((out - self.y) ** 2)


class TorchBackend(Backend):
    def __init__(self, g):
        super().__init__(f"PyTorch {torch.__version__}", torch,
                         lambda v: torch.tensor(v, dtype=torch.float64), g)

    @staticmethod
    def repeat(W, n):
        return W.expand(n, -1, -1).clone()

    @staticmethod
    def relu(z):
        return torch.relu(z)

    @staticmethod
    def mean(e):
        return e.mean(dim=(1, 2))


class NumpyBackend(Backend):
    def __init__(self, g):
        super().__init__(f"numpy {np.__version__}", np,
                         lambda v: np.array(v, dtype=np.float64), g)

    @staticmethod
    def repeat(W, n):
        return np.broadcast_to(W, (n,) + W.shape).copy()

    @staticmethod
    def relu(z):
        return np.maximum(z, 0.0)

    @staticmethod
    def mean(e):
        return e.mean(axis=(1, 2))


def rel(ours, theirs):
    """|ours - theirs| / |theirs| (losses are positive)."""
    return abs(ours - theirs) / (abs(theirs) or 1.0)


def check_samples(be):
    """The largest relative difference to reluscape at the dumped points."""
    return max(rel(vc, float(be.row(be.g.v[i])[j]))
               for i, j, vc in be.g.samples)


def check(be, whole):
    """Whether be agrees with reluscape at the dumped points and, when
    whole is set, on the sum of the whole grid; said either way."""
    d = check_samples(be)
    text = f"{len(be.g.samples)} grid points: max rel diff {d:.2g}"
    if whole:
        total = sum(float(be.row(v).sum()) for v in be.g.v)
        dsum = rel(be.g.blocks["sum"][0], total)
        d = max(d, dsum)
        text += (f"; the sum of all {be.g.side}^2 values: rel diff "
                 f"{dsum:.2g}")
    agree = d <= TOLERANCE
    print(f"{be.name} and reluscape {'agree' if agree else 'DISAGREE'}: "
          f"{text} (tolerance {TOLERANCE:g})")
    return agree


def time_rows(be, rows):
    """Seconds for the rows at the v of rows."""
    t0 = time.perf_counter()
    for v in rows:
        be.row(v)
    return time.perf_counter() - t0


def time_grid(be):
    """Seconds per whole grid and the rows timed: 2 rows to warm up and
    estimate, then the median of REPS timings of every row, or of every
    k-th, scaled up, when the grid would take more than BUDGET s."""
    g = be.g
    est = time_rows(be, g.v[:2]) * g.side / 2
    rows = g.v[::max(1, math.ceil(est / BUDGET))]
    sec = statistics.median(time_rows(be, rows) for _ in range(REPS))
    return sec * g.side / len(rows), len(rows)


def print_time(label, sec, nrows, side):
    """One line of a per-grid time."""
    part = ("" if nrows == side else
            f" (timed on {nrows} of {side} rows, scaled up)")
    print(f"{label}: {1e3 * sec:.0f} ms per grid, "
          f"{1e9 * sec / side ** 2:.0f} ns per point{part}")


def ratio(ours, theirs, label, goal=None):
    """A line "reluscape ... / ...: Nx faster (goal ...)"."""
    r = theirs / ours
    verdict = f"{r:.1f}x faster" if r >= 1 else f"{1 / r:.1f}x slower"
    tail = f" (goal: at least {goal}x)" if goal else ""
    print(f"{label}: {verdict}{tail}")


def torch_settings():
    """(threads, label): one thread, torch's default, all the CPUs."""
    default = torch.get_num_threads()
    cpus = len(os.sched_getaffinity(0))
    settings = [(1, "1 thread")]
    if default != 1:
        settings.append((default, f"{default} threads, torch's default"))
    if cpus not in (1, default):
        settings.append((cpus, f"{cpus} threads, all CPUs"))
    return settings


def run_torch(g, whole):
    """PyTorch's check and times by thread count (None when it
    disagrees)."""
    be = TorchBackend(g)
    sec = {}
    with torch.no_grad():
        if not check(be, whole):
            return None
        for threads, label in torch_settings():
            torch.set_num_threads(threads)
            sec[threads], nrows = time_grid(be)
            print_time(f"{be.name}, float64, batched by rows, {label}",
                       sec[threads], nrows, g.side)
    return sec


def run_numpy(g, whole):
    """numpy's check and time (None when it disagrees)."""
    be = NumpyBackend(g)
    if not check(be, whole):
        return None
    sec, nrows = time_grid(be)
    print_time(f"{be.name}, float64, vectorised by rows", sec, nrows,
               g.side)
    return sec


def print_ratios(g, sec_torch, sec_numpy):
    """reluscape against each library timed."""
    ours = f"reluscape ({g.threads} thread{'s' if g.threads > 1 else ''})"
    if sec_torch:
        ratio(g.sec, sec_torch[1], f"{ours} / PyTorch (1 thread)",
              GOAL_TORCH)
        top = max(sec_torch)
        if top != 1:
            ratio(g.sec, sec_torch[top],
                  f"{ours} / PyTorch ({top} threads)", GOAL_TORCH)
        ratio(g.sec_1, sec_torch[1],
              "reluscape (1 thread) / PyTorch (1 thread), like with like")
    if sec_numpy:
        ratio(g.sec, sec_numpy, f"{ours} / numpy", GOAL_NUMPY)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python3 bench_surface.py DUMP "
                 "(from bench_surface --dump)")
    g = Grid(read_dump(sys.argv[1]))
    print(f"reluscape: {1e3 * g.sec:.1f} ms per grid on {g.threads} "
          f"thread(s), {1e3 * g.sec_1:.1f} ms on 1")
    sec_torch = sec_numpy = None
    # the whole grid is checked once, by numpy (the faster one here) when
    # it is installed
    if np is None:
        print("numpy comparison skipped: python3-numpy is not installed")
    elif (sec_numpy := run_numpy(g, True)) is None:
        return 1
    if torch is None:
        print("PyTorch comparison skipped: python3-torch is not installed "
              "(apt-get install python3-torch)")
    elif (sec_torch := run_torch(g, np is None)) is None:
        return 1
    print_ratios(g, sec_torch, sec_numpy)
    return 0


if __name__ == "__main__":
    sys.exit(main())
