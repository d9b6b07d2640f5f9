"""bench_net.py: the pass of bench_net.c in PyTorch, eager mode, float64.

Usage: python3 bench_net.py DUMP, where DUMP is the file written by
"bench_net --dump DUMP": the network's sizes, weights and biases, the data,
reluscape's loss, gradient and passes per second, and the flop count of one
pass.  The script

  1. loads the same weights and data into nn.Sequential(Linear, ReLU, ...,
     Linear) and checks, once, that one pass gives the same loss and
     gradient (to 1e-12 relative; exit status 1 otherwise);
  2. times the pass  zero_grad(set_to_none=True); out = model(x);
     loss = ((out - y)**2).mean(); loss.backward()  the way bench_net.c
     does: warm up while finding a count that takes about 0.3 s, then the
     median of 7 timings of that many passes;
  3. prints the ratio of reluscape's speed to PyTorch's on one thread.

reluscape runs on one thread, so the ratio compares it with PyTorch on one
thread (torch.set_num_threads(1)), like with like.  PyTorch's default
thread count, and all the CPUs when that differs, are timed and printed
too.  Prints figures; never a pass/fail, except when the gradients differ.
"""

import os
import statistics
import sys
import time

import torch

TOLERANCE = 1e-12
REPS = 7


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


def tensor(values):
    """A float64 tensor: torch.tensor of a list would round to float32."""
    return torch.tensor(values, dtype=torch.float64)


def build(blocks):
    """The model with reluscape's weights, its Linear layers, x and y."""
    sizes = [int(s) for s in blocks["sizes"]]
    layers = []
    for l in range(1, len(sizes)):
        layers.append(torch.nn.Linear(sizes[l - 1], sizes[l]))
        if l + 1 < len(sizes):
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers).double()
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    with torch.no_grad():
        for l, lin in enumerate(linears, 1):
            lin.weight.copy_(tensor(blocks[f"W{l}"]).view_as(lin.weight))
            lin.bias.copy_(tensor(blocks[f"b{l}"]))
    x = tensor(blocks["x"]).view(-1, sizes[0])
    y = tensor(blocks["y"]).view(-1, sizes[-1])
    return model, linears, x, y


def one_pass(model, x, y):
    """Forward, MSE (the mean over points of the squared error) and
    backward: the pass that rs_loss_net makes."""
    model.zero_grad(set_to_none=True)
    out = model(x)
    loss = ((out - y) ** 2).mean()
    loss.backward()
    return loss


def rel_diff(ours, theirs):
    """max |ours - theirs| over max |theirs|: relative to the size of the
    whole gradient, since single entries can be near 0 by cancellation."""
    scale = max(abs(v) for v in theirs) or 1.0
    return max(abs(a - b) for a, b in zip(ours, theirs)) / scale


def cross_check(model, linears, x, y, blocks):
    """Whether PyTorch's loss and gradient match reluscape's."""
    loss = one_pass(model, x, y).item()
    ours, theirs = [], []
    for l, lin in enumerate(linears, 1):
        ours += blocks[f"dW{l}"] + blocks[f"db{l}"]
        theirs += lin.weight.grad.flatten().tolist() + lin.bias.grad.tolist()
    dgrad = rel_diff(ours, theirs)
    dloss = rel_diff(blocks["loss"], [loss])
    agree = dgrad <= TOLERANCE and dloss <= TOLERANCE
    print(f"gradients {'agree' if agree else 'DISAGREE'}: max rel diff "
          f"{dgrad:.2g} over {len(ours)} parameters, loss rel diff "
          f"{dloss:.2g} (tolerance {TOLERANCE:g})")
    return agree


def time_passes(model, x, y, count):
    """Seconds for count passes."""
    t0 = time.perf_counter()
    for _ in range(count):
        one_pass(model, x, y)
    return time.perf_counter() - t0


def passes_per_second(model, x, y):
    """Warm up while finding a count that takes about 0.3 s, then the
    median of REPS timings of that many passes."""
    count = 1
    while (dt := time_passes(model, x, y, count)) < 0.05:
        count *= 2
    count = int(count * 0.3 / dt) + 1
    return count / statistics.median(
        time_passes(model, x, y, count) for _ in range(REPS))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python3 bench_net.py DUMP (from bench_net --dump)")
    blocks = read_dump(sys.argv[1])
    model, linears, x, y = build(blocks)
    if not cross_check(model, linears, x, y, blocks):
        return 1
    flops = blocks["flops_per_pass"][0]
    default = torch.get_num_threads()
    cpus = len(os.sched_getaffinity(0))
    settings = [(1, "1 thread")]
    if default != 1:
        settings.append((default, f"{default} threads, torch's default"))
    if cpus not in (1, default):
        settings.append((cpus, f"{cpus} threads, all CPUs"))
    rate = {}
    for threads, label in settings:
        torch.set_num_threads(threads)
        rate[threads] = passes_per_second(model, x, y)
        print(f"PyTorch {torch.__version__} eager, float64, {label}: "
              f"{rate[threads]:.0f} passes/s, {1e6 / rate[threads]:.2f} us "
              f"per pass, {1e-9 * flops * rate[threads]:.2f} GFLOP/s")
    if default == 1:
        print(f"(torch's default here is 1 thread, on {cpus} CPUs)")
    ratio = blocks["passes_per_s"][0] / rate[1]
    verdict = (f"{ratio:.1f}x faster" if ratio >= 1
               else f"{1 / ratio:.1f}x slower")
    print(f"reluscape / PyTorch (1 thread): {verdict} (goal: at least 3x "
          f"faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
