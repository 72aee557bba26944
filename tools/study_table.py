#!/usr/bin/env python3
"""Prints the budget-study table (docs/BUDGET_STUDY.md) from /work/runs/study/<run>/metrics.jsonl."""
import json, os
runs = ["base", "ce", "no-augment", "sgd", "adamw-wd5e-4", "cbam-none", "input48", "corrupt-aug"]
desc = {
 "base": "multiscale-cnn-cbam, AdamW lr 2e-3 wd 0.05, one-cycle, focal(γ=2)+LS(ε=0.1), standard aug, 44 crop, batch 64",
 "ce": "base with plain cross-entropy",
 "no-augment": "base without augmentation (centre 44 crop)",
 "sgd": "base with SGD-Nesterov lr 0.05 wd 5e-4",
 "adamw-wd5e-4": "base with AdamW weight decay 5e-4",
 "cbam-none": "base without CBAM",
 "input48": "base at 48x48 (no crop)",
 "corrupt-aug": "base + corruption augmentation: half the faces get one of 7 families at severity 1-3 (docs/ROBUSTNESS.md)",
}
print("| run | change vs base | epochs | img/s (max epoch) | train min | PublicTest acc (best) | train acc (last) |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
for r in runs:
    p = f"/work/runs/study/{r}/metrics.jsonl"
    if not os.path.exists(p): continue
    L = [json.loads(l) for l in open(p) if l.strip()]
    if not L: continue
    print(f"| {r} | {desc[r]} | {len(L)}{'' if os.path.exists(f'/work/runs/study/{r}/done') else ' (unfinished)'} | {max(d['images_per_s'] for d in L):.0f} | {sum(d['train_seconds'] for d in L)/60:.1f} | {100*max(d['val_accuracy'] for d in L):.2f} | {100*L[-1]['train_accuracy']:.1f} |")
