#!/usr/bin/env python3
"""Designs the qualitative palette for point categories (render/style/category_palette.cpp).

Method: greedy max-min distance. Candidates are the sRGB grid with step 15 (18^3 colours), limited to
CIELAB lightness 35..85 (visible on white and under a white symbol ring) and chroma >= 25 (apart from
the grey "other" and no-data colours). The distance between two colours is the smaller of their CIE76 Delta E
in normal vision and twice their Delta E under protanopia or deuteranopia (whichever is smaller),
simulated with the Machado, Oliveira and Fernandes (2009) severity-1.0 matrices in linear RGB. White (the background and ring),
the "other" grey, the viewer's selection cyan and its distance-ring magenta start as already chosen, so no
pick sits near them. Each step adds the candidate whose
nearest chosen colour is farthest; ties go to the first in grid order, so the result is deterministic.
Greedy order means any first k colours are themselves well apart: the most frequent categories get the
most distinct colours.

Prints the palette as C++ initialisers and the minimum pairwise distances the test asserts.
"""
import itertools

PROTAN = ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998))
DEUTAN = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))


def to_linear(c):
    c /= 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def lab_of_linear(rgb):
    r, g, b = (min(max(v, 0.0), 1.0) for v in rgb)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def mat(m, v):
    return tuple(sum(m[i][j] * v[j] for j in range(3)) for i in range(3))


def visions(rgb):
    lin = tuple(to_linear(float(c)) for c in rgb)
    return (lab_of_linear(lin), lab_of_linear(mat(PROTAN, lin)), lab_of_linear(mat(DEUTAN, lin)))


def de(a, b):
    return sum((a[i] - b[i]) ** 2 for i in range(3)) ** 0.5


def cvd(va, vb):
    return min(de(va[1], vb[1]), de(va[2], vb[2]))


# Colour-blind separation weighs half: 20 colours cannot all stay apart for a dichromat, and
# insisting on it (weight 1) costs normal vision a third of its separation.
CVD_WEIGHT = 2.0


def dist(va, vb):
    return min(de(va[0], vb[0]), CVD_WEIGHT * cvd(va, vb))


def main(n=20):
    steps = list(range(0, 256, 15))
    cands = []
    for rgb in itertools.product(steps, repeat=3):
        v = visions(rgb)
        L, a, b = v[0]
        if 35 <= L <= 85 and (a * a + b * b) ** 0.5 >= 25:
            cands.append((rgb, v))
    # White (background, symbol ring), the "other" grey, the viewer's selection cyan and its distance-ring
    # magenta (app/viewer/panel_assets.cpp): no category may be mistaken for them.
    anchors = [visions(c) for c in ((255, 255, 255), (153, 153, 153), (0, 200, 255), (230, 0, 200))]
    nearest = [min(dist(v, a) for a in anchors) for _, v in cands]
    chosen = []
    for _ in range(n):
        k = max(range(len(cands)), key=lambda i: (nearest[i], -i))
        chosen.append(cands[k])
        nv = cands[k][1]
        nearest = [min(nearest[i], dist(cands[i][1], nv)) for i in range(len(cands))]
    for rgb, _ in chosen:
        print("    {%d, %d, %d}," % rgb)
    for k in (8, 12, n):
        vs = [v for _, v in chosen[:k]]
        normal = min(de(a[0], b[0]) for a, b in itertools.combinations(vs, 2))
        cv = min(cvd(a, b) for a, b in itertools.combinations(vs, 2))
        print("first %d: min Delta E normal %.1f, protan/deutan %.1f" % (k, normal, cv))


if __name__ == "__main__":
    main()
