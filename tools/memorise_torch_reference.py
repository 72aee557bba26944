#!/usr/bin/env python3
"""Can torchvision's network memorise a few hundred FER2013 faces? The Python side of the check in
docs/BUDGET_STUDY.md ("memorise 512 faces"), to tell an implementation bug in deepfer from a recipe
that simply does not fit.

Takes a seeded sample of N Training faces from the Kaggle CSV, centre-crops to --size, normalises
with the sample's mean and std, and trains torchvision's network (1-channel stem, 7 outputs, random
init) with AdamW + one-cycle (cosine, --warmup-epochs linear warm-up) and plain cross-entropy, no
augmentation. Prints per epoch the running training accuracy and, at the end, accuracy on the same
faces in eval mode. Optionally prints per-stage activation standard deviation at initialisation.

    /usr/bin/python3 tools/memorise_torch_reference.py --arch efficientnet_b3 --faces 512 --epochs 12
"""
import argparse, csv, gzip, json, math, os, pathlib, random

import numpy as np
import torch
import torchvision


def shared_dir() -> pathlib.Path:
    return pathlib.Path(os.environ.get("DEEPFER_SHARED", pathlib.Path(__file__).resolve().parents[1] / ".." / "shared"))


def load_faces(n: int, seed: int, size: int, keep_full: bool = False):
    path = shared_dir() / "datasets" / "fer2013" / "fer2013.csv.gz"
    rows = []
    with gzip.open(path, "rt") as f:
        for r in csv.DictReader(f):
            if r["Usage"] == "Training":
                rows.append((int(r["emotion"]), r["pixels"]))
    random.Random(seed).shuffle(rows)
    rows = rows[:n]
    x = np.stack([np.array(p.split(), dtype=np.float32).reshape(48, 48) / 255.0 for _, p in rows])
    x = (x - x.mean()) / x.std()
    if not keep_full:
        off = (48 - size) // 2
        x = x[:, off:off + size, off:off + size]
    y = np.array([e for e, _ in rows], dtype=np.int64)
    return torch.from_numpy(x[:, None].copy()), torch.from_numpy(y)


def build(arch: str, stride2_stem: bool) -> torch.nn.Module:
    model = getattr(torchvision.models, arch)(num_classes=7)
    if arch.startswith("resnet"):
        model.conv1 = torch.nn.Conv2d(1, 64, 7, 2 if stride2_stem else 1, 3, bias=False)
        torch.nn.init.kaiming_normal_(model.conv1.weight, mode="fan_out", nonlinearity="relu")
    else:
        stem = model.features[0][0]
        model.features[0][0] = torch.nn.Conv2d(1, stem.out_channels, stem.kernel_size,
                                               2 if stride2_stem else 1, stem.padding, bias=False)
        torch.nn.init.kaiming_normal_(model.features[0][0].weight, mode="fan_out")
    return model


def djl_init(model: torch.nn.Module) -> None:
    """DJL's default for WEIGHT parameters: Gaussian, std sqrt(2 / fan_in); biases zero."""
    for m in model.modules():
        if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear)):
            torch.nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
            if m.bias is not None:
                torch.nn.init.zeros_(m.bias)


def activation_scale(model: torch.nn.Module, x: torch.Tensor, arch: str) -> None:
    stages = model.features if arch.startswith("efficientnet") else torch.nn.ModuleList(
        [torch.nn.Sequential(model.conv1, model.bn1, model.relu, model.maxpool),
         model.layer1, model.layer2, model.layer3, model.layer4])
    model.train()
    with torch.no_grad():
        h = x
        for i, stage in enumerate(stages):
            h = stage(h)
            print(json.dumps({"stage": i, "shape": list(h.shape), "std": round(h.std().item(), 4)}))


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--arch", default="efficientnet_b3", choices=["resnet50", "resnet18", "efficientnet_b3"])
    p.add_argument("--faces", type=int, default=512)
    p.add_argument("--size", type=int, default=44)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--epochs", type=int, default=12)
    p.add_argument("--lr", type=float, default=0.002)
    p.add_argument("--weight-decay", type=float, default=0.05)
    p.add_argument("--warmup-epochs", type=float, default=1.0)
    p.add_argument("--small-stem", action="store_true", help="stride-1 stem convolution, no other change (deepfer's --stem small also uses 3x3 for ResNet)")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--scales", action="store_true", help="print per-stage activation std at init")
    p.add_argument("--random-crop", action="store_true",
                   help="train on a random size x size crop of each 48x48 face (deepfer's --augment none does this)")
    p.add_argument("--init", default="torchvision", choices=["torchvision", "djl"],
                   help="djl: every conv and linear weight N(0, 2/fan_in), biases 0 (DJL's default for WEIGHT)")
    a = p.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    x, y = load_faces(a.faces, a.seed, a.size, keep_full=a.random_crop)
    crop_range = x.shape[-1] - a.size
    prior = torch.bincount(y, minlength=7).max().item() / len(y)
    model = build(a.arch, not a.small_stem)
    if a.init == "djl":
        djl_init(model)
    if a.scales:
        activation_scale(model, x[:a.batch], a.arch)
    steps_per_epoch = math.ceil(len(y) / a.batch)
    total = steps_per_epoch * a.epochs
    warm = a.warmup_epochs * steps_per_epoch
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=a.weight_decay)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: (s + 1) / warm if s < warm else
                                              0.5 * (1 + math.cos(math.pi * (s - warm) / max(1, total - warm))))
    loss_fn = torch.nn.CrossEntropyLoss()
    for epoch in range(1, a.epochs + 1):
        model.train()
        perm = torch.randperm(len(y))
        correct, loss_sum = 0, 0.0
        for i in range(0, len(y), a.batch):
            idx = perm[i:i + a.batch]
            xb = x[idx]
            if crop_range > 0:
                xb = torch.stack([f[:, r:r + a.size, c:c + a.size] for f, r, c in
                                  zip(xb, torch.randint(0, crop_range + 1, (len(idx),)).tolist(),
                                      torch.randint(0, crop_range + 1, (len(idx),)).tolist())])
            out = model(xb)
            loss = loss_fn(out, y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            correct += (out.argmax(1) == y[idx]).sum().item()
            loss_sum += loss.item() * len(idx)
        print(json.dumps({"epoch": epoch, "train_loss": round(loss_sum / len(y), 4),
                          "train_accuracy": round(correct / len(y), 4)}), flush=True)
    model.eval()
    with torch.no_grad():
        off = crop_range // 2
        x = x[:, :, off:off + a.size, off:off + a.size]
        acc = sum((model(x[i:i + 256]).argmax(1) == y[i:i + 256]).sum().item() for i in range(0, len(y), 256)) / len(y)
    print(json.dumps({"arch": a.arch, "faces": a.faces, "size": a.size, "small_stem": a.small_stem,
                      "updates": total, "init": a.init, "random_crop": a.random_crop, "class_prior": round(prior, 4), "eval_accuracy_on_train": round(acc, 4),
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
