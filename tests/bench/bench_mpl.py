#!/usr/bin/python3
# bench_mpl.py DUMP OUT.png: the built-in scene's landscape figure drawn
# with matplotlib, as `reluscape render - -o OUT.png` draws it: the MSE of
# the single ReLU neuron over a 241 x 241 (w, b) grid as a viridis image
# on a log scale, labelled contours, the dead region (w x_i + b <= 0 on
# every point) hatched, the path with its markers, the ball, a colour
# bar, 1200 x 800 pixels.  DUMP is what `bench_figure --dump` writes: the
# data, the window and the path.  make bench times this whole process
# against reluscape's.
import sys

import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.colors import LogNorm


def read_dump(path):
    with open(path) as f:
        n = int(f.readline())
        pts = np.array([[float(v) for v in f.readline().split()]
                        for _ in range(n)])
        w0, w1, b0, b1 = (float(v) for v in f.readline().split())
        m = int(f.readline())
        path = np.array([[float(v) for v in f.readline().split()]
                         for _ in range(m)])
    return pts[:, 0], pts[:, 1], (w0, w1), (b0, b1), path


def main():
    x, y, wr, br, path = read_dump(sys.argv[1])
    w = np.linspace(wr[0], wr[1], 241)
    b = np.linspace(br[0], br[1], 241)
    W, B = np.meshgrid(w, b)
    z = W[..., None] * x + B[..., None]
    loss = np.mean((np.maximum(z, 0.0) - y) ** 2, axis=-1)
    dead = np.all(z <= 0.0, axis=-1)

    fig, ax = plt.subplots(figsize=(12, 8), dpi=100)
    im = ax.imshow(loss, origin="lower", extent=(*wr, *br), aspect="auto",
                   cmap="viridis", norm=LogNorm(loss.min(), loss.max()))
    levels = [v for v in (0.2, 0.5, 1, 2, 5, 10)
              if loss.min() < v < loss.max()]
    cs = ax.contour(W, B, loss, levels=levels, colors="white",
                    linewidths=0.8, alpha=0.6)
    ax.clabel(cs, fmt="%g", fontsize=9)
    ax.contourf(W, B, dead.astype(float), levels=[0.5, 1.5], colors="none",
                hatches=["//"])
    ax.plot(path[:, 0], path[:, 1], color="white", lw=2, marker="o", ms=2)
    ax.plot(path[0, 0], path[0, 1], "o", mfc="none", mec="white", ms=10)
    ax.plot(path[-1, 0], path[-1, 1], "o", color="#d62d20", ms=14,
            mec="#500", zorder=5)
    ax.set_xlabel("weight w")
    ax.set_ylabel("bias b")
    ax.set_title("A dead ReLU: the ball stops on a flat plateau",
                 loc="left", fontweight="bold")
    fig.colorbar(im, ax=ax, label="loss (MSE, log scale)")
    fig.savefig(sys.argv[2])


if __name__ == "__main__":
    main()
