#!/usr/bin/python3
"""How same-size map images differ: exact-equal pixels, pixels within a small tolerance (anti-aliasing),
and pixels where one draws a map colour and the other background (no-data areas, extent, edges)."""
import sys
import numpy as np
from PIL import Image

def load(p):
    return np.asarray(Image.open(p).convert("RGB")).astype(np.int16)

ref_path = sys.argv[1]
ref = load(ref_path)
white = np.array([255, 255, 255])
for p in sys.argv[2:]:
    img = load(p)
    if img.shape != ref.shape:
        print("%s: size %s differs from %s" % (p, img.shape, ref.shape))
        continue
    d = np.abs(img - ref).max(axis=2)
    ref_bg = (ref == white).all(axis=2)
    img_bg = (img == white).all(axis=2)
    both = ~ref_bg & ~img_bg
    n = d.size
    print("%s vs %s: exact %.2f%%, within 8/255 %.2f%%, map in both %.2f%% (of those exact %.2f%%), "
          "map only in %s %.2f%%, only in %s %.2f%%" % (
              ref_path.split("/")[-1], p.split("/")[-1], 100.0 * (d == 0).sum() / n, 100.0 * (d <= 8).sum() / n,
              100.0 * both.sum() / n, 100.0 * ((d == 0) & both).sum() / max(1, both.sum()),
              ref_path.split("/")[-1], 100.0 * (~ref_bg & img_bg).sum() / n, p.split("/")[-1],
              100.0 * (ref_bg & ~img_bg).sum() / n))
