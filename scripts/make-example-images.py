#!/usr/bin/python3
"""Draws the two images examples/dien-tu.xml uses, with Python's standard
library only (zlib and struct write the PNG files):

  examples/anh/chu-ky.png  the signer's signature (ô 7c): a blue pen stroke
                           on a transparent background;
  examples/anh/dau.png     the agency's seal (ô 8): red, two rings with a
                           five-pointed star, transparent outside.

usage: scripts/make-example-images.py [OUTPUT_DIR]   (default examples/anh)

The drawing is deterministic, so running it again gives the same bytes."""
import math
import os
import struct
import sys
import zlib


def write_png(path, width, height, rgba):
    """rgba: bytearray of width*height*4 bytes, rows top to bottom."""
    raw = bytearray()
    stride = width * 4
    for y in range(height):
        row = rgba[y * stride:(y + 1) * stride]
        # filter "Sub": each byte minus the one 4 bytes to its left
        raw.append(1)
        prev = bytearray(4)
        for x in range(0, stride, 4):
            for k in range(4):
                raw.append((row[x + k] - prev[k]) & 0xFF)
            prev = row[x:x + 4]

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(bytes(raw), 9))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)
    return len(png)


class Canvas:
    """A coverage (alpha) buffer, drawn with soft-edged discs and rings."""

    def __init__(self, width, height):
        self.w, self.h = width, height
        self.a = [0.0] * (width * height)

    def disc(self, cx, cy, r):
        x0, x1 = max(0, int(cx - r - 1)), min(self.w - 1, int(cx + r + 1))
        y0, y1 = max(0, int(cy - r - 1)), min(self.h - 1, int(cy + r + 1))
        for y in range(y0, y1 + 1):
            for x in range(x0, x1 + 1):
                d = math.hypot(x + 0.5 - cx, y + 0.5 - cy)
                cov = min(1.0, max(0.0, r + 0.5 - d))
                i = y * self.w + x
                if cov > self.a[i]:
                    self.a[i] = cov

    def stroke(self, points, widths):
        """A pen line through points, with a width per point."""
        for (x0, y0), (x1, y1), w0, w1 in zip(points, points[1:], widths, widths[1:]):
            n = max(1, int(math.hypot(x1 - x0, y1 - y0) / 0.6))
            for k in range(n):
                t = k / n
                self.disc(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, (w0 + (w1 - w0) * t) / 2)

    def ring(self, cx, cy, r, width):
        half = width / 2
        for y in range(self.h):
            for x in range(self.w):
                d = abs(math.hypot(x + 0.5 - cx, y + 0.5 - cy) - r)
                cov = min(1.0, max(0.0, half + 0.5 - d))
                i = y * self.w + x
                if cov > self.a[i]:
                    self.a[i] = cov

    def polygon(self, pts):
        """A filled polygon, 4x4 supersampled at its edges."""
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]

        def inside(px, py):
            c = False
            j = len(pts) - 1
            for i in range(len(pts)):
                xi, yi = pts[i]
                xj, yj = pts[j]
                if (yi > py) != (yj > py) and px < (xj - xi) * (py - yi) / (yj - yi) + xi:
                    c = not c
                j = i
            return c

        for y in range(max(0, int(min(ys))), min(self.h, int(max(ys)) + 2)):
            for x in range(max(0, int(min(xs))), min(self.w, int(max(xs)) + 2)):
                n = sum(inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4) for sx in range(4) for sy in range(4))
                cov = n / 16
                i = y * self.w + x
                if cov > self.a[i]:
                    self.a[i] = cov

    def rgba(self, color):
        out = bytearray(self.w * self.h * 4)
        r, g, b = color
        for i, a in enumerate(self.a):
            if a > 0:
                out[4 * i:4 * i + 4] = bytes((r, g, b, int(round(a * 255))))
        return out


def catmull_rom(points, steps):
    """A smooth curve through the points."""
    out = []
    p = [points[0]] + points + [points[-1]]
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        for k in range(steps):
            t = k / steps
            t2, t3 = t * t, t * t * t
            out.append(tuple(0.5 * (2 * p1[j] + (-p0[j] + p2[j]) * t + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                                    + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3) for j in range(2)))
    out.append(points[-1])
    return out


def signature(path):
    """A signature: a tall capital, a run of joined small letters rising to
    the right, and a flourish back under them."""
    W, H = 330, 160
    c = Canvas(W, H)
    capital = [(38, 128), (52, 92), (66, 34), (74, 40), (80, 118), (86, 124), (98, 60), (112, 28), (118, 36),
               (112, 84), (116, 96)]
    letters = [(116, 96), (128, 80), (138, 74), (140, 92), (150, 96), (158, 76), (164, 72), (168, 90), (178, 92),
               (186, 70), (192, 68), (194, 88), (204, 88), (214, 66), (222, 62), (222, 84), (234, 80), (250, 58),
               (262, 40), (268, 48)]
    flourish = [(268, 48), (266, 78), (250, 112), (210, 130), (150, 136), (90, 132), (48, 122), (30, 110)]
    for part, w in ((capital, 5.4), (letters, 4.2), (flourish, 3.6)):
        pts = catmull_rom(part, 14)
        # a fountain pen: thinner where the hand moves fast
        wid = []
        for i, (x, y) in enumerate(pts):
            j = min(i + 1, len(pts) - 1)
            speed = math.hypot(pts[j][0] - x, pts[j][1] - y)
            wid.append(max(2.0, w - 0.35 * speed))
        c.stroke(pts, wid)
    # a dot over the name, as many signatures have
    c.disc(300, 52, 3.4)
    return write_png(path, W, H, c.rgba((20, 40, 170)))


def seal(path):
    """A round seal: two rings, a band of short marks between them where the
    agency's name would run, and a five-pointed star."""
    S = 240
    c = Canvas(S, S)
    cx = cy = S / 2
    c.ring(cx, cy, 112, 7)
    c.ring(cx, cy, 80, 3.5)
    # the lettering band: short radial strokes, as the name's letters look from afar
    for k in range(46):
        if 21 <= k <= 24:
            continue  # a gap at the bottom, where the name's two halves meet
        a = -math.pi / 2 + k * 2 * math.pi / 46
        r0, r1 = 88, 102
        c.stroke([(cx + r0 * math.cos(a), cy + r0 * math.sin(a)), (cx + r1 * math.cos(a), cy + r1 * math.sin(a))],
                 [4.5, 4.5])
    star = []
    for k in range(10):
        r = 52 if k % 2 == 0 else 21
        a = -math.pi / 2 + k * math.pi / 5
        star.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    c.polygon(star)
    return write_png(path, S, S, c.rgba((210, 20, 30)))


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "examples", "anh")
    os.makedirs(out, exist_ok=True)
    for name, draw in (("chu-ky.png", signature), ("dau.png", seal)):
        path = os.path.join(out, name)
        size = draw(path)
        print(f"{path}: {size} bytes")


if __name__ == "__main__":
    main()
