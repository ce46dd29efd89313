#!/usr/bin/python3
"""Writes seed PNG files for fuzz_png into DIR: every colour type and bit
depth libpng reads (grey, RGB, palette, grey + alpha, RGBA; 1 to 16 bits),
a palette with tRNS, an interlaced picture, and the ancillary chunks a
signature scan carries (gAMA, pHYs, tEXt).

usage: png_seeds.py DIR"""
import os
import struct
import sys
import zlib


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(w, h, depth, colour, rows, extra=(), interlace=0):
    ihdr = struct.pack(">IIBBBBB", w, h, depth, colour, 0, 0, interlace)
    body = b"".join(chunk(k, d) for k, d in extra)
    idat = zlib.compress(b"".join(b"\0" + r for r in rows))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + body + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    w, h = 12, 6
    seeds = {
        "grey8": png(w, h, 8, 0, [bytes((x * 20) % 256 for x in range(w))] * h),
        "grey1": png(16, 4, 1, 0, [b"\xaa\x55"] * 4),
        "grey16": png(w, h, 16, 0, [bytes(2 * w)] * h),
        "rgb8": png(w, h, 8, 2, [bytes((0, 0, 200)) * w] * h, [(b"gAMA", struct.pack(">I", 45455))]),
        "rgb16": png(4, 4, 16, 2, [bytes(24)] * 4),
        "palette4": png(8, 2, 4, 3, [b"\x01\x23\x01\x23"] * 2,
                        [(b"PLTE", bytes((255, 0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0))),
                         (b"tRNS", b"\x00\xff")]),
        "grey-alpha": png(w, h, 8, 4, [bytes((0, 128)) * w] * h),
        "rgba8": png(w, h, 8, 6, [b"".join(bytes((200, 0, 0, (x * 40) % 256)) for x in range(w))] * h,
                     [(b"pHYs", struct.pack(">IIB", 11811, 11811, 1)), (b"tEXt", b"Software\0vanban")]),
        "rgba16": png(2, 2, 16, 6, [bytes(16)] * 2),
        "interlaced": png(1, 1, 8, 2, [b"\x10\x20\x30"], interlace=1),
    }
    for name, data in seeds.items():
        with open(os.path.join(out, name + ".png"), "wb") as f:
            f.write(data)


main()
