#!/usr/bin/env python3
"""PyTorch (CPU) side of `mlmp compare`: the same workloads as mlmp's benchmarks, timed the same way.

Run with Debian's interpreter (/usr/bin/python3, package python3-torch). Configured as PyTorch's
documentation recommends for --threads T (see peer_config.py): T intra-op threads, one inter-op thread, one
BLAS thread (`mlmp compare` also sets OPENBLAS_NUM_THREADS=1), except the bare GEMM, whose T threads are
OpenBLAS's own (no OpenMP region around torch.mm's BLAS call); `--blas-threads B` gives B BLAS threads instead
(the other split without oversubscription: `--threads 1 --blas-threads T`, OMP_NUM_THREADS=1). Prints one JSON object on its last line, with
the configuration torch reports under "config". Workloads:
  gemm     --n N                          SGEMM GFLOP/s (torch.mm into a preallocated output)
  lenet    --batch B --steps S            LeNet-5 training img/s: conv5x5 1->20 (identity), maxpool2,
                                          conv5x5 20->50 (identity), maxpool2, dense 800->500 ReLU,
                                          dense 500->10, softmax cross-entropy, Adam 1e-3
  mlp      --batch B --steps S            MLP 784-512-256-10 (ReLU) training img/s, same loss/optimiser
  alexconv --batch B --layer L --steps S  AlexNet conv layer(s) forward and forward+backward ms (single tower)
  alexnet  --batch B --steps S            the whole torchvision AlexNet, training img/s (Adam 1e-3)
The convolutional workloads (lenet, alexnet, alexconv) run channels-last, as the Performance Tuning Guide recommends
for computer vision models ("Enable channels_last memory format for computer vision models"; model and input converted
with .to(memory_format=torch.channels_last) as its Channels Last tutorial shows); `--memory-format contiguous` runs them
NCHW, as every series before 56 did. The training workloads train on one fixed batch: the one mlmp trains on with
--x IMAGES.npy --y LABELS.npy (float32 batch x C x H x W, int32 class indices; `mlmp compare` writes them), else a
synthetic one (uniform pixels, random labels), seed 0.
"""
import argparse, json, statistics, time
import torch
import torch.nn as nn
import torch.nn.functional as F
from peer_config import configure_torch

ALEX = {  # name: (cin, cout, k, stride, pad, input hw)
    "conv1": (3, 96, 11, 4, 2, 224), "conv2": (96, 256, 5, 1, 2, 27), "conv3": (256, 384, 3, 1, 1, 13),
    "conv4": (384, 384, 3, 1, 1, 13), "conv5": (384, 256, 3, 1, 1, 13)}


def timed(fn, steps, warmup=5):
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(steps):
        t = time.perf_counter(); fn(); ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def lenet():
    return nn.Sequential(nn.Conv2d(1, 20, 5), nn.MaxPool2d(2), nn.Conv2d(20, 50, 5), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(800, 500), nn.ReLU(), nn.Linear(500, 10))


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10))


def alexnet():
    """torchvision.models.alexnet() written out (torchvision is not needed): at 224x224 its adaptive pool is the identity."""
    return nn.Sequential(
        nn.Conv2d(3, 64, 11, 4, 2), nn.ReLU(), nn.MaxPool2d(3, 2), nn.Conv2d(64, 192, 5, padding=2), nn.ReLU(),
        nn.MaxPool2d(3, 2), nn.Conv2d(192, 384, 3, padding=1), nn.ReLU(), nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(),
        nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2), nn.Flatten(), nn.Dropout(0.5),
        nn.Linear(9216, 4096), nn.ReLU(), nn.Dropout(0.5), nn.Linear(4096, 4096), nn.ReLU(), nn.Linear(4096, 1000))


def load_batch(x_file, y_file, batch, shape, classes):
    """mlmp's batch from its .npy files, checked against the run's batch, image shape and classes."""
    import numpy as np
    if (x_file is None) != (y_file is None):
        raise SystemExit(f"torch_bench.py: the training batch needs both --x (images) and --y (labels); got --x {x_file} --y {y_file}")
    x, y = np.load(x_file), np.load(y_file)
    if x.dtype != np.float32 or x.shape != (batch, *shape):
        raise SystemExit(f"torch_bench.py: {x_file} holds {x.dtype} of shape {x.shape}; --batch {batch} needs float32 {(batch, *shape)}")
    if y.dtype != np.int32 or y.shape != (batch,) or y.min() < 0 or y.max() >= classes:
        raise SystemExit(f"torch_bench.py: {y_file} holds {y.dtype} of shape {y.shape} (labels {y.min()}..{y.max()});"
                         f" --batch {batch} needs int32 ({batch},) in 0..{classes - 1}")
    return torch.from_numpy(x), torch.from_numpy(y.astype(np.int64))


def formatted(t, memory_format):
    """A module or an input batch in the run's memory format (a 4-D input or a network with 4-D weights)."""
    return t.to(memory_format=memory_format)


def train_rate(model, batch, steps, shape=(1, 28, 28), classes=10, x_file=None, y_file=None,
               memory_format=torch.contiguous_format):
    if x_file is None and y_file is None:
        x = torch.rand(batch, *shape); y = torch.randint(0, classes, (batch,))
    else:
        x, y = load_batch(x_file, y_file, batch, shape, classes)
    model = formatted(model, memory_format); x = formatted(x, memory_format)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    # set_to_none=True: PyTorch's performance tuning guide ("Use parameter.grad = None instead of model.zero_grad() or
    # optimizer.zero_grad()": backward then assigns the gradients instead of adding to zeroed ones); 1.13's default is
    # False, 2.x's (and libtorch's) True
    def step():
        opt.zero_grad(set_to_none=True); loss = F.cross_entropy(model(x), y); loss.backward(); opt.step()
    return batch / timed(step, steps)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("workload"); p.add_argument("--n", type=int, default=2048); p.add_argument("--batch", type=int, default=64)
    p.add_argument("--steps", type=int, default=50); p.add_argument("--layer", default="all"); p.add_argument("--threads", type=int, default=2)
    p.add_argument("--blas-threads", type=int, default=None)
    p.add_argument("--x", default=None); p.add_argument("--y", default=None)
    p.add_argument("--memory-format", choices=("channels_last", "contiguous"), default=None)
    a = p.parse_args()
    # before any torch work, as set_num_threads requires; a bare GEMM gets the threads as BLAS threads, and
    # --blas-threads states another split (e.g. --threads 1 --blas-threads 2: GEMMs on OpenBLAS's 2 threads)
    blas = a.blas_threads if a.blas_threads is not None else (a.threads if a.workload == "gemm" else 1)
    config = configure_torch(torch, a.threads, blas)
    torch.manual_seed(0)
    out = {"torch": torch.__version__, "threads": torch.get_num_threads(), "workload": a.workload, "config": config,
           "data": f"{a.x}, {a.y}" if a.x else "synthetic"}
    if a.workload in ("lenet", "mlp", "alexnet"):
        config["summary"] += "; training: Adam 1e-3, zero_grad(set_to_none=True) per the tuning guide"
    images = a.workload in ("lenet", "alexnet", "alexconv")
    if a.memory_format is not None and not images:
        raise SystemExit(f"torch_bench.py: --memory-format orders the 4-D tensors of lenet, alexnet and alexconv; got"
                         f" --memory-format {a.memory_format} for {a.workload}. Leave it out.")
    memory_format = a.memory_format or "channels_last"
    fmt = torch.channels_last if images and memory_format == "channels_last" else torch.contiguous_format
    config["memory_format"] = str(fmt)
    if images:
        config["summary"] += ("; memory format %s%s" % (memory_format, " per the tuning guide (model and input"
                              " converted)" if memory_format == "channels_last" else ""))
    if a.workload == "gemm":
        A = torch.rand(a.n, a.n); B = torch.rand(a.n, a.n); C = torch.empty(a.n, a.n)
        t = timed(lambda: torch.mm(A, B, out=C), 7, 2)
        out["gflops"] = 2.0 * a.n ** 3 / t / 1e9
    elif a.workload in ("lenet", "mlp"):
        out["img_per_s"] = train_rate(lenet() if a.workload == "lenet" else mlp(), a.batch, a.steps, x_file=a.x,
                                      y_file=a.y, memory_format=fmt)
    elif a.workload == "alexnet":
        out["img_per_s"] = train_rate(alexnet(), a.batch, a.steps, (3, 224, 224), 1000, a.x, a.y, fmt)
    elif a.workload == "alexconv":
        layers = list(ALEX) if a.layer == "all" else [a.layer]
        fwd = fb = 0.0; flops = 0.0
        for name in layers:
            cin, cout, k, s, pad, hw = ALEX[name]
            conv = formatted(nn.Conv2d(cin, cout, k, s, pad), fmt)
            x = formatted(torch.rand(a.batch, cin, hw, hw), fmt).requires_grad_(True)
            hout = (hw + 2 * pad - k) // s + 1
            flops += 2.0 * k * k * cin * cout * hout * hout * a.batch
            with torch.no_grad():
                fwd += timed(lambda: conv(x), a.steps, 2)
            def fwdbwd():
                conv.zero_grad(); x.grad = None; conv(x).sum().backward()
            fb += timed(fwdbwd, a.steps, 2)
        out.update(forward_ms=fwd * 1e3, forward_backward_ms=fb * 1e3, forward_gflops=flops / fwd / 1e9,
                   forward_backward_gflops=3 * flops / fb / 1e9)
    else:
        raise SystemExit("unknown workload " + a.workload)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
