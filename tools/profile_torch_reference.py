#!/usr/bin/env python3
"""PyTorch-profiler traces of the Python reference, step for step what `deepfer bench train --profile` records.

Builds the reference network with ../shared/bench/torch_reference.py's build() (found through
DEEPFER_SHARED or ../shared), runs the same warm-up, then records --profile-steps training steps
(Adam, cross-entropy, zero_grad) and inference steps (inference_mode) and writes Chrome traces
OUT/train-trace.json and OUT/infer-trace.json. Compare with tools/compare_profiles.py.

    /usr/bin/python3 tools/profile_torch_reference.py --arch resnet50 --out /tmp/prof-python
"""
import argparse, importlib.util, os, pathlib, sys

import torch


def reference_module():
    shared = pathlib.Path(os.environ.get("DEEPFER_SHARED", pathlib.Path(__file__).resolve().parents[1] / ".." / "shared"))
    script = shared / "bench" / "torch_reference.py"
    if not script.is_file():
        sys.exit(f"torch_reference.py not found at {script}: set DEEPFER_SHARED")
    spec = importlib.util.spec_from_file_location("torch_reference", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--arch", default="resnet50", choices=["resnet50", "resnet18", "efficientnet_b3"])
    p.add_argument("--size", type=int, default=48)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--profile-steps", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--out", required=True, type=pathlib.Path)
    a = p.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(a.threads)
    model = reference_module().build(a.arch)
    x = torch.randn(a.batch, 1, a.size, a.size)
    y = torch.randint(0, 7, (a.batch,))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()

    def train_step():
        model.train()
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()

    def infer_step():
        model.eval()
        with torch.inference_mode():
            model(x)

    a.out.mkdir(parents=True, exist_ok=True)
    for name, step in (("train", train_step), ("infer", infer_step)):
        for _ in range(a.warmup):
            step()
        with torch.autograd.profiler.profile(record_shapes=True) as prof:
            for _ in range(a.profile_steps):
                step()
        trace = a.out / f"{name}-trace.json"
        prof.export_chrome_trace(str(trace))
        print(f"profile of {a.profile_steps} steps: {trace}", file=sys.stderr)


if __name__ == "__main__":
    main()
