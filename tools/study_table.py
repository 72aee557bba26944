#!/usr/bin/env python3
"""Prints a budget-study table (docs/BUDGET_STUDY.md) from STUDY_DIR/<run>/metrics.jsonl.

    tools/study_table.py [STUDY_DIR]        # default /work/runs/study (part 1)

Then a second table: PublicTest accuracy per epoch. Runs without a metrics file are left out; a run
whose last recorded epoch is below its config's epoch count is marked unfinished.
"""
import json, os, sys

study = sys.argv[1] if len(sys.argv) > 1 else "/work/runs/study"
desc = {
 "base": "multiscale-cnn-cbam, AdamW lr 2e-3 wd 0.05, one-cycle, focal(γ=2)+LS(ε=0.1), standard aug, 44 crop, batch 64",
 "ce": "base with plain cross-entropy",
 "no-augment": "base without augmentation (centre 44 crop)",
 "sgd": "base with SGD-Nesterov lr 0.05 wd 5e-4",
 "adamw-wd5e-4": "base with AdamW weight decay 5e-4",
 "cbam-none": "base without CBAM",
 "input48": "base at 48x48 (no crop)",
 "input-48": "base at 48x48 (no crop)",
 "corrupt-aug": "base + corruption augmentation: half the faces get one of 7 families at severity 1-3 (docs/ROBUSTNESS.md)",
 "stem-small": "base with the small stem (3x3 stride 1: 44x44 maps into the first stage instead of 22x22)",
 "input-40": "base with 40x40 crops",
 "batch-128": "base with batch 128 (same peak learning rate)",
 "batch-32": "base with batch 32 (same peak learning rate)",
 "aug-strong": "base with the strong augmentation preset",
}
order = list(desc)


def load(run):
    p = os.path.join(study, run, "metrics.jsonl")
    if not os.path.exists(p):
        return None
    rows = [json.loads(l) for l in open(p) if l.strip()]
    return [r for r in rows if r.get("type", "epoch") == "epoch"] or None


def planned(run):
    try:
        return json.load(open(os.path.join(study, run, "config.json")))["epochs"]
    except (OSError, KeyError, ValueError):
        return None


runs = [r for r in sorted(os.listdir(study), key=lambda r: order.index(r) if r in order else len(order))
        if load(r)]
print("| run | change vs base | epochs | img/s (max epoch) | train min | PublicTest acc (best) | train acc (last) |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
for r in runs:
    L = load(r)
    done = planned(r) is None or len(L) >= planned(r)
    print(f"| {r} | {desc.get(r, '?')} | {len(L)}{'' if done else ' (unfinished)'} "
          f"| {max(d['images_per_s'] for d in L):.0f} | {sum(d['train_seconds'] for d in L) / 60:.1f} "
          f"| {100 * max(d['val_accuracy'] for d in L):.2f} | {100 * L[-1]['train_accuracy']:.1f} |")
print()
width = max(len(load(r)) for r in runs)
print("| run | " + " | ".join(str(e + 1) for e in range(width)) + " |")
print("| --- | " + " | ".join("---:" for _ in range(width)) + " |")
for r in runs:
    acc = [f"{100 * d['val_accuracy']:.1f}" for d in load(r)]
    print(f"| {r} | " + " | ".join(acc + [""] * (width - len(acc))) + " |")
