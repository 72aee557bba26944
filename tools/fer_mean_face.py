#!/usr/bin/env python3
"""Where the eyes and the mouth sit in FER2013's framing: the mean of the first N Training faces,
its darkest row in the upper half (eyes), the darkest columns of that band left and right of the
centre (the two eyes), and the darkest row in the lower half of the central columns (mouth).
Used to place explain.FaceRegion.EYES_NOSE_MOUTH. Standard library and numpy.

With --png OUT it also writes the per-emotion mean faces of the whole Training split (pixel-wise
average of every Training face of that emotion, rounded half up, as `deepfer crops` computes them)
side by side, enlarged 3x nearest neighbour, each captioned with its emotion and face count: an
aggregate of thousands of faces, not any one person's picture, so it may be committed
(docs/fer2013-mean-faces.png). The PNG is written with zlib and struct (no PIL).

    python3 tools/fer_mean_face.py ../shared/datasets/fer2013/fer2013.csv.gz [N] [--png OUT]
"""
import csv
import gzip
import struct
import sys
import zlib

import numpy as np

EMOTIONS = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]
SIDE = 48
SCALE = 3
TEXT = 2  # enlargement of the 5x7 caption font
MARGIN = 8
GAP = 8

# 5x7 glyphs, one string of five '#'/'.' per row, for the characters the captions use; those in
# DESCENDERS are drawn two rows lower (their seven rows are the x-height and the descender).
DESCENDERS = "gpy"
FONT = {
    "a": ".....|.....|.###.|....#|.####|#...#|.####", "d": "....#|....#|.####|#...#|#...#|#...#|.####",
    "e": ".....|.....|.###.|#...#|#####|#....|.###.", "f": "..##.|.#..#|.#...|###..|.#...|.#...|.#...",
    "g": ".####|#...#|#...#|#...#|.####|....#|.###.", "h": "#....|#....|#.##.|##..#|#...#|#...#|#...#",
    "i": "..#..|.....|.##..|..#..|..#..|..#..|.###.", "l": ".##..|..#..|..#..|..#..|..#..|..#..|.###.",
    "n": ".....|.....|#.##.|##..#|#...#|#...#|#...#", "p": "####.|#...#|#...#|#...#|####.|#....|#....",
    "r": ".....|.....|#.##.|##..#|#....|#....|#....", "s": ".....|.....|.####|#....|.###.|....#|####.",
    "t": ".#...|.#...|###..|.#...|.#...|.#..#|..##.", "u": ".....|.....|#...#|#...#|#...#|#..##|.##.#",
    "y": "#...#|#...#|#...#|#...#|.####|....#|.###.", "=": ".....|.....|#####|.....|#####|.....|.....",
    " ": ".....|.....|.....|.....|.....|.....|.....",
    "0": ".###.|#...#|#..##|#.#.#|##..#|#...#|.###.", "1": "..#..|.##..|..#..|..#..|..#..|..#..|.###.",
    "2": ".###.|#...#|....#|...#.|..#..|.#...|#####", "3": "#####|...#.|..#..|...#.|....#|#...#|.###.",
    "4": "...#.|..##.|.#.#.|#..#.|#####|...#.|...#.", "5": "#####|#....|####.|....#|....#|#...#|.###.",
    "6": "..##.|.#...|#....|####.|#...#|#...#|.###.", "7": "#####|....#|...#.|..#..|.#...|.#...|.#...",
    "8": ".###.|#...#|#...#|.###.|#...#|#...#|.###.", "9": ".###.|#...#|#...#|.####|....#|...#.|.##..",
}


def draw_text(canvas, text, top, centre):
    """Black 5x7 text, enlarged TEXT times, centred on column `centre` of the grey canvas."""
    advance = 6 * TEXT
    left = centre - (len(text) * advance - TEXT) // 2
    for k, ch in enumerate(text):
        for r, line in enumerate(FONT[ch].split("|")):
            for c, cell in enumerate(line):
                if cell == "#":
                    y = top + (r + (2 if ch in DESCENDERS else 0)) * TEXT
                    x = left + k * advance + c * TEXT
                    canvas[y:y + TEXT, x:x + TEXT] = 0


def write_png(path, grey):
    """An 8-bit greyscale PNG of the 2-D uint8 array `grey`."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    h, w = grey.shape
    raw = b"".join(b"\x00" + grey[y].tobytes() for y in range(h))  # filter type 0 on every row
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def mean_faces_png(path, sums, counts):
    tile = SIDE * SCALE
    line = 9 * TEXT + 2
    width = 2 * MARGIN + len(EMOTIONS) * tile + (len(EMOTIONS) - 1) * GAP
    canvas = np.full((2 * MARGIN + tile + GAP + 2 * line, width), 255, dtype=np.uint8)
    for e, name in enumerate(EMOTIONS):
        mean = ((2 * sums[e] + counts[e]) // (2 * counts[e])).astype(np.uint8).reshape(SIDE, SIDE)
        x = MARGIN + e * (tile + GAP)
        canvas[MARGIN:MARGIN + tile, x:x + tile] = np.kron(mean, np.ones((SCALE, SCALE), dtype=np.uint8))
        draw_text(canvas, name, MARGIN + tile + GAP, x + tile // 2)
        draw_text(canvas, f"n={counts[e]}", MARGIN + tile + GAP + line, x + tile // 2)
    write_png(path, canvas)


def main():
    args = sys.argv[1:]
    png = None
    if "--png" in args:
        k = args.index("--png")
        png = args[k + 1]
        del args[k:k + 2]
    path = args[0]
    limit = int(args[1]) if len(args) > 1 else 5000
    acc = np.zeros(SIDE * SIDE)
    n = 0
    sums = np.zeros((len(EMOTIONS), SIDE * SIDE), dtype=np.int64)
    counts = [0] * len(EMOTIONS)
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        rows = csv.reader(f)
        next(rows)
        for emotion, pixels, usage in rows:
            if usage != "Training":
                continue
            face = np.array(pixels.split(), dtype=np.int64)
            if n < limit:
                acc += face
                n += 1
            elif png is None:
                break
            if png is not None:
                sums[int(emotion)] += face
                counts[int(emotion)] += 1
    mean = (acc / n).reshape(SIDE, SIDE).tolist()
    row = [sum(r) / 48 for r in mean]
    eye_row = min(range(8, 24), key=lambda y: row[y])
    band = [sum(mean[y][x] for y in range(eye_row - 2, eye_row + 3)) / 5 for x in range(48)]
    left_eye = min(range(6, 24), key=lambda x: band[x])
    right_eye = min(range(24, 42), key=lambda x: band[x])
    centre = [sum(mean[y][18:30]) / 12 for y in range(48)]
    mouth_row = min(range(28, 46), key=lambda y: centre[y])
    print(f"{n} Training faces: eyes on row {eye_row} at columns {left_eye} and {right_eye}; "
          f"mouth on row {mouth_row} (0-based, 48x48)")
    if png is not None:
        mean_faces_png(png, sums, counts)
        print(f"mean face per emotion of {sum(counts)} Training faces written to {png}: "
              + ", ".join(f"{e} {c}" for e, c in zip(EMOTIONS, counts)))


if __name__ == "__main__":
    main()
