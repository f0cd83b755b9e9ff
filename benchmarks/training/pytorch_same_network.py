#!/usr/bin/python3
"""Times the network `vision train classify --bench` trains, in Debian's python3-torch (1.13), for comparison.

The same ResNet18 (BasicBlocks 2-2-2-2, batch norm, global average pool, dropout 0.2, linear head), the same
optimiser (AdamW, decoupled weight decay on conv/linear weights only), cross-entropy, and one pre-made batch reused
every step, as the bare loop of `--bench` does. Prints samples/s per round and over all rounds.

    /usr/bin/python3 benchmarks/training/pytorch_same_network.py --imgsz 64 --batch 32 --classes 5 --steps 20 --rounds 3
"""
import argparse
import time

import torch
from torch import nn


class BasicBlock(nn.Module):
    def __init__(self, inputs, outputs, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inputs, outputs, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(outputs)
        self.conv2 = nn.Conv2d(outputs, outputs, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(outputs)
        self.down = None
        if stride != 1 or inputs != outputs:
            self.down = nn.Sequential(nn.Conv2d(inputs, outputs, 1, stride, bias=False), nn.BatchNorm2d(outputs))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + (x if self.down is None else self.down(x)))


class ResNet18Classifier(nn.Module):
    def __init__(self, classes, dropout=0.2):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, 1))
        widths, blocks, inputs = [64, 128, 256, 512], [], 64
        for i, width in enumerate(widths):
            blocks += [BasicBlock(inputs, width, 1 if i == 0 else 2), BasicBlock(width, width, 1)]
            inputs = width
        self.blocks = nn.Sequential(*blocks)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(512, classes)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.head(self.dropout(x.mean((2, 3))))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--imgsz", type=int, default=64)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--classes", type=int, default=5)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--weight-decay", type=float, default=0.05)
    p.add_argument("--threads", type=int, default=0, help="0: torch's default")
    a = p.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    net = ResNet18Classifier(a.classes)
    params = [q for q in net.parameters() if q.requires_grad]
    opt = torch.optim.AdamW([
        {"params": [q for q in params if q.dim() > 1], "weight_decay": a.weight_decay},
        {"params": [q for q in params if q.dim() <= 1], "weight_decay": 0.0},
    ], lr=a.lr)
    loss_fn = nn.CrossEntropyLoss()
    images = torch.randn(a.batch, 3, a.imgsz, a.imgsz)
    labels = torch.randint(0, a.classes, (a.batch,))
    net.train()

    def step():
        opt.zero_grad()
        loss = loss_fn(net(images), labels)
        loss.backward()
        opt.step()

    for _ in range(min(3, a.steps)):
        step()
    total_samples, total_seconds = 0, 0.0
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, input {a.imgsz}x{a.imgsz}, batch {a.batch}, {a.steps} steps x {a.rounds} rounds")
    for r in range(a.rounds):
        start = time.perf_counter()
        for _ in range(a.steps):
            step()
        seconds = time.perf_counter() - start
        total_samples += a.steps * a.batch
        total_seconds += seconds
        print(f"round {r + 1}: {a.steps * a.batch / seconds:.1f} samples/s")
    print(f"all: {total_samples / total_seconds:.1f} samples/s")


if __name__ == "__main__":
    main()
