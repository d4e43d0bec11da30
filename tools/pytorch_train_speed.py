#!/usr/bin/python3
"""Training throughput of Debian's PyTorch on the issue's workload, for comparison with
bench/Rnn.Benchmarks TrainingThroughputBenchmarks: input 8, batch 32, sequence length 64, a dense
1-output head at every step, mean squared error, forward + full BPTT backward + Adam step, fp32.

    /usr/bin/python3 tools/pytorch_train_speed.py [threads]
"""
import sys
import time

import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.set_num_threads(threads)
torch.manual_seed(0)


class Model(torch.nn.Module):
    def __init__(self, cell, hidden):
        super().__init__()
        self.rnn = getattr(torch.nn, cell)(8, hidden, batch_first=False)
        self.head = torch.nn.Linear(hidden, 1)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.head(y)


for cell, hidden in [("LSTM", 32), ("LSTM", 64), ("GRU", 32), ("GRU", 64)]:
    model = Model(cell, hidden)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.MSELoss()
    x = torch.rand(64, 32, 8) * 2 - 1
    y = torch.rand(64, 32, 1) * 2 - 1

    def step():
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    for _ in range(20):
        step()
    best = 0.0
    for _ in range(5):  # best of five 1-second runs, as steady-state as this machine allows
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < 1.0:
            step()
            count += 1
        best = max(best, count * 32 / (time.perf_counter() - start))
    print(f"{cell} {hidden}: {best:.0f} sequences/s ({threads} thread{'s' if threads > 1 else ''}, torch {torch.__version__})")
