"""bench_train.py: the training runs of bench_train.c in PyTorch, float64.

Usage: python3 bench_train.py DUMP, where DUMP is the file written by
"bench_train --dump DUMP": for the single neuron and for the 2-16-1
network, the data, the start, the rate, the parameters reluscape reached
after 100 steps of gradient descent and its steps per second.  For each
the script

  1. runs the same steps from the same start and checks, once, that it
     reaches the same parameters (to 1e-10 relative; exit status 1
     otherwise);
  2. times its training step the way bench_train.c does: warm up while
     finding a count that takes about 0.3 s, then the median of 7 timings
     of that many steps;
  3. prints the ratio of reluscape's speed to PyTorch's.

The steps, on the full batch, eager mode, one thread (reluscape runs on
one, torch.set_num_threads(1)):

  single neuron  loss = ((relu(w * x + b) - y)**2).mean(); loss.backward();
                 then under no_grad  w -= lr * w.grad; b -= lr * b.grad;
                 the grads set to None
  2-16-1         opt.zero_grad(set_to_none=True); loss = ((model(x) -
                 y)**2).mean(); loss.backward(); opt.step(), with
                 model = nn.Sequential(Linear, ReLU, Linear) and
                 opt = torch.optim.SGD(lr)

Each step also takes the gradient norm, as rs_sim_iterate does for every
step (it records it); the speed without it is printed too.  rs_sim_iterate
further counts the dead units and records the point, which the PyTorch
loops do not: the comparison is, if anything, in PyTorch's favour.
Prints figures; never a pass/fail, except when the trajectories differ.
"""

import statistics
import sys
import time

import torch

TOLERANCE = 1e-10
REPS = 7


def read_dump(path):
    """The lines "case.name count v1 v2 ..." of path as
    {case: {name: [v1, v2, ...]}}."""
    cases = {}
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            key, count, *values = line.split()
            if len(values) != int(count):
                sys.exit(f"{path}: {key} has {len(values)} values, "
                         f"not {count}")
            case, name = key.split(".", 1)
            cases.setdefault(case, {})[name] = [float(v) for v in values]
    return cases


def tensor(values):
    """A float64 tensor: torch.tensor of a list would round to float32."""
    return torch.tensor(values, dtype=torch.float64)


class Neuron:
    """The single neuron y = relu(w x + b) on its own tensors."""

    def __init__(self, block):
        self.x = tensor(block["x"])
        self.y = tensor(block["y"])
        self.lr = block["rate"][0]
        self.start = (block["W1.start"][0], block["b1.start"][0])
        self.reset()

    def reset(self):
        """Back to the start, with no gradient."""
        self.w = tensor([self.start[0]]).requires_grad_()
        self.b = tensor([self.start[1]]).requires_grad_()

    def step(self, norm):
        """One step of gradient descent; the gradient norm when norm."""
        w, b = self.w, self.b
        loss = ((torch.relu(w * self.x + b) - self.y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            if norm:
                torch.sqrt(w.grad ** 2 + b.grad ** 2)
            w -= self.lr * w.grad
            b -= self.lr * b.grad
        w.grad = None
        b.grad = None

    def params(self):
        """[w, b], as reluscape lays them out."""
        return [self.w.item(), self.b.item()]


class Net:
    """The network as nn.Sequential(Linear, ReLU, ..., Linear) under
    torch.optim.SGD."""

    def __init__(self, block):
        self.block = block
        self.sizes = [int(s) for s in block["sizes"]]
        self.x = tensor(block["x"]).view(-1, self.sizes[0])
        self.y = tensor(block["y"]).view(-1, self.sizes[-1])
        self.reset()

    def reset(self):
        """A new model at the start and a new optimiser."""
        sizes, layers = self.sizes, []
        for l in range(1, len(sizes)):
            layers.append(torch.nn.Linear(sizes[l - 1], sizes[l]))
            if l + 1 < len(sizes):
                layers.append(torch.nn.ReLU())
        self.model = torch.nn.Sequential(*layers).double()
        self.linears = [m for m in self.model
                        if isinstance(m, torch.nn.Linear)]
        with torch.no_grad():
            for l, lin in enumerate(self.linears, 1):
                lin.weight.copy_(tensor(self.block[f"W{l}.start"])
                                 .view_as(lin.weight))
                lin.bias.copy_(tensor(self.block[f"b{l}.start"]))
        self.list = list(self.model.parameters())
        self.opt = torch.optim.SGD(self.list, lr=self.block["rate"][0])

    def step(self, norm):
        """One step of gradient descent; the gradient norm when norm."""
        self.opt.zero_grad(set_to_none=True)
        loss = ((self.model(self.x) - self.y) ** 2).mean()
        loss.backward()
        if norm:
            with torch.no_grad():
                torch.linalg.vector_norm(torch.stack(
                    [torch.linalg.vector_norm(p.grad) for p in self.list]))
        self.opt.step()

    def params(self):
        """W1 (row by row), b1, W2, ... as reluscape lays them out."""
        out = []
        for lin in self.linears:
            out += lin.weight.flatten().tolist() + lin.bias.tolist()
        return out


def expected(block, layers):
    """reluscape's parameters after its check run, in Net.params order."""
    out = []
    for l in range(1, layers + 1):
        out += block[f"W{l}.end"] + block[f"b{l}.end"]
    return out


def cross_check(trainer, block):
    """Whether PyTorch's parameters after as many steps as reluscape's
    check run match reluscape's, relative to the largest parameter."""
    steps = int(block["end_step"][0])
    trainer.reset()
    for _ in range(steps):
        trainer.step(True)
    theirs = trainer.params()
    ours = expected(block, len(block["sizes"]) - 1)
    scale = max(abs(v) for v in theirs) or 1.0
    diff = max(abs(a - b) for a, b in zip(ours, theirs)) / scale
    agree = len(ours) == len(theirs) and diff <= TOLERANCE
    print(f"  trajectories {'agree' if agree else 'DISAGREE'} after {steps} "
          f"steps: max rel diff {diff:.2g} over {len(ours)} parameters "
          f"(tolerance {TOLERANCE:g})")
    return agree


def time_steps(trainer, count, norm):
    """Seconds for count steps from the start."""
    trainer.reset()
    t0 = time.perf_counter()
    for _ in range(count):
        trainer.step(norm)
    return time.perf_counter() - t0


def steps_per_second(trainer, norm):
    """Warm up while finding a count that takes about 0.3 s, then the
    median of REPS timings of that many steps."""
    count = 1
    while (dt := time_steps(trainer, count, norm)) < 0.05:
        count *= 2
    count = int(count * 0.3 / dt) + 1
    return count / statistics.median(
        time_steps(trainer, count, norm) for _ in range(REPS))


def compare(label, trainer, block):
    """Check and time one case, print its line; False when the
    trajectories differ."""
    print(f"{label}:")
    if not cross_check(trainer, block):
        return False
    ours = block["steps_per_s"][0]
    theirs = steps_per_second(trainer, True)
    bare = steps_per_second(trainer, False)
    ratio, goal = ours / theirs, block["goal"][0]
    verdict = "met" if ratio >= goal else "NOT met"
    print(f"  PyTorch without the gradient norm: {bare:.0f} steps/s "
          f"({1e6 / bare:.2f} us), reluscape / PyTorch {ours / bare:.1f}x")
    print(f"{label}: reluscape {ours:.0f} steps/s ({1e6 / ours:.2f} us), "
          f"PyTorch {theirs:.0f} steps/s ({1e6 / theirs:.2f} us): "
          f"{ratio:.1f}x (goal {goal:g}x, {verdict})")
    return True


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python3 bench_train.py DUMP "
                 "(from bench_train --dump)")
    cases = read_dump(sys.argv[1])
    torch.set_num_threads(1)
    print(f"PyTorch {torch.__version__} eager, float64, 1 thread, "
          f"against rs_sim_iterate recording every 1000 steps")
    ok = compare("single neuron, 64 points", Neuron(cases["neuron"]),
                 cases["neuron"])
    ok &= compare("2-16-1, 256 points", Net(cases["net"]), cases["net"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
