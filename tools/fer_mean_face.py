#!/usr/bin/env python3
"""Where the eyes and the mouth sit in FER2013's framing: the mean of the first N Training faces,
its darkest row in the upper half (eyes), the darkest columns of that band left and right of the
centre (the two eyes), and the darkest row in the lower half of the central columns (mouth).
Used to place explain.FaceRegion.EYES_NOSE_MOUTH. Standard library only.

    python3 tools/fer_mean_face.py ../shared/datasets/fer2013/fer2013.csv.gz [N]
"""
import csv
import gzip
import sys


def main():
    path = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    acc = [0.0] * 2304
    n = 0
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        rows = csv.reader(f)
        next(rows)
        for _, pixels, usage in rows:
            if usage != "Training":
                continue
            for i, v in enumerate(pixels.split()):
                acc[i] += int(v)
            n += 1
            if n >= limit:
                break
    mean = [[acc[y * 48 + x] / n for x in range(48)] for y in range(48)]
    row = [sum(r) / 48 for r in mean]
    eye_row = min(range(8, 24), key=lambda y: row[y])
    band = [sum(mean[y][x] for y in range(eye_row - 2, eye_row + 3)) / 5 for x in range(48)]
    left_eye = min(range(6, 24), key=lambda x: band[x])
    right_eye = min(range(24, 42), key=lambda x: band[x])
    centre = [sum(mean[y][18:30]) / 12 for y in range(48)]
    mouth_row = min(range(28, 46), key=lambda y: centre[y])
    print(f"{n} Training faces: eyes on row {eye_row} at columns {left_eye} and {right_eye}; "
          f"mouth on row {mouth_row} (0-based, 48x48)")


if __name__ == "__main__":
    main()
