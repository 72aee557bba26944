#!/usr/bin/env python3
"""Self time per operator, per step, in two PyTorch-profiler Chrome traces (deepfer vs Python).

    python3 tools/compare_profiles.py DEEPFER_TRACE PYTHON_TRACE --steps 3 [--top 25]

Self time of an event = its duration minus the durations of the events nested directly inside it on
the same thread. Printed as a Markdown table: ms per step in each trace, their difference, sorted
by the larger of the two; the last row is the total over all operators.
"""
import argparse, collections, json


def events(path):
    with open(path) as f:
        data = json.load(f)
    raw = data["traceEvents"] if isinstance(data, dict) else data
    return [e for e in raw if e.get("ph") == "X" and "dur" in e and e.get("cat", "cpu_op") in ("cpu_op", "Operator", "")]


def self_times(path):
    """{op name: self microseconds} over the whole trace."""
    by_thread = collections.defaultdict(list)
    for e in events(path):
        by_thread[(e.get("pid"), e.get("tid"))].append(e)
    totals = collections.Counter()
    for evs in by_thread.values():
        evs.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        stack = []  # entries: [end, name, dur, child]

        def close(entry):
            totals[entry[1]] += max(0.0, entry[2] - entry[3])

        for e in evs:
            start, dur = float(e["ts"]), float(e["dur"])
            while stack and stack[-1][0] <= start:
                close(stack.pop())
            if stack:
                stack[-1][3] += dur
            stack.append([start + dur, e["name"], dur, 0.0])
        while stack:
            close(stack.pop())
    return totals


def main():
    p = argparse.ArgumentParser()
    p.add_argument("deepfer")
    p.add_argument("python")
    p.add_argument("--steps", type=int, default=3)
    p.add_argument("--top", type=int, default=25)
    a = p.parse_args()
    d, py = self_times(a.deepfer), self_times(a.python)
    names = sorted(set(d) | set(py), key=lambda n: -max(d[n], py[n]))
    ms = lambda us: us / 1000 / a.steps
    print("| operator | deepfer ms/step | Python ms/step | difference |")
    print("| --- | ---: | ---: | ---: |")
    for n in names[: a.top]:
        print(f"| `{n}` | {ms(d[n]):.1f} | {ms(py[n]):.1f} | {ms(d[n] - py[n]):+.1f} |")
    td, tp = sum(d.values()), sum(py.values())
    print(f"| **all operators** | **{ms(td):.1f}** | **{ms(tp):.1f}** | **{ms(td - tp):+.1f}** |")


if __name__ == "__main__":
    main()
