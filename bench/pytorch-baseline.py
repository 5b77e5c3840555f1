# PyTorch CPU baseline of the training benchmark (issue 5): the same MLP and LeNet CNN as bench/train-page
# (same layers, batch sizes, Adam at the same rate, dropout off, the MLP's L2 0.01 on kernels), trained on
# random data of the same shapes with the same warm-up and timed step counts. Run by bench/train-report.mjs as
#   /usr/bin/python3 bench/pytorch-baseline.py '{"mlp": {"batchSize": 256, "warmup": 3, "steps": 30}, ...}'
# Prints one JSON object: {"torch": version, "threads": n, "rows": {id: {"stepsPerSecond", "samplesPerSecond"}}}.
import json
import sys
import time

import torch
from torch import nn

LEARNING_RATE = 1e-3
REPEATS = 3  # timed runs; the median is reported


def mlp():
    return nn.Sequential(nn.Linear(30, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 3))


def lenet():
    # As the 'lenet-cnn' preset on 28x28x1: 6 5x5 'same' + max-pool 2, 16 5x5 'valid' + max-pool 2, dense 120, 84.
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10),
    )


WORKLOADS = {
    # id: (model, input shape per sample, classes, L2 factor on Linear/Conv weights as tfjs's l2 regularizer)
    'mlp': (mlp, (30,), 3, 0.01),
    'cnn': (lenet, (1, 28, 28), 10, 0.0),
}


def l2_penalty(model, factor):
    if factor == 0:
        return 0.0
    return factor * sum((m.weight ** 2).sum() for m in model.modules() if isinstance(m, (nn.Linear, nn.Conv2d)))


def measure(workload_id, batch_size, warmup, steps):
    make, shape, classes, l2 = WORKLOADS[workload_id]
    torch.manual_seed(42)
    model = make()
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    loss_fn = nn.CrossEntropyLoss()
    rows = batch_size * (warmup + steps)
    x = torch.randn(rows, *shape)
    y = torch.randint(0, classes, (rows,))

    def run(first, count):
        for b in range(first, first + count):
            xb, yb = x[b * batch_size:(b + 1) * batch_size], y[b * batch_size:(b + 1) * batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb) + l2_penalty(model, l2)
            loss.backward()
            optimizer.step()

    run(0, warmup)
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        run(warmup, steps)
        times.append(time.perf_counter() - t0)
    seconds = sorted(times)[len(times) // 2]
    return {'stepsPerSecond': steps / seconds, 'samplesPerSecond': steps * batch_size / seconds}


def main():
    plan = json.loads(sys.argv[1])
    rows = {w: measure(w, p['batchSize'], p['warmup'], p['steps']) for w, p in plan.items() if w in WORKLOADS}
    print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(), 'rows': rows}))


if __name__ == '__main__':
    main()
