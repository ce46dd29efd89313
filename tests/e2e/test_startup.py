#!/usr/bin/env python3
"""What a start costs: the libraries a PDF render loads (src/base/dl.h).

cairo, libmicrohttpd, libzip and libcrypto are opened only by the commands
that use them. This test reads the program's and libvanban.so's NEEDED
entries (readelf), and the dynamic loader's own account (LD_DEBUG=files) of
the files each command opens: a PDF render opens none of the four, a DOCX
opens libzip, a PNG preview opens cairo, and each still works.

    test_startup.py build/vanban [build/libvanban.so]"""
import os
import re
import subprocess
import sys
import tempfile

LATE = ["libcairo.so", "libmicrohttpd.so", "libzip.so", "libcrypto.so"]
failures = 0


def check(cond, what, detail=""):
    global failures
    if not cond:
        failures += 1
        print(f"FAIL: {what}" + (f"\n  {detail}" if detail else ""))


def needed(path):
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def opened(cmd):
    """The shared objects the loader opened while cmd ran, and its exit status."""
    env = dict(os.environ, LD_DEBUG="files")
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    libs = re.findall(r"file=(\S+)\s+\[\d+\];\s+(?:needed|dynamically loaded)", p.stderr)
    return {os.path.basename(x) for x in libs}, p.returncode, p.stderr


vanban = sys.argv[1]
binaries = [vanban] + [b for b in sys.argv[2:] if os.path.exists(b)]
for b in binaries:
    n = needed(b)
    check(n, f"{b} has NEEDED entries", n)
    for lib in LATE:
        check(not any(x.startswith(lib) for x in n), f"{os.path.basename(b)} does not link {lib}", n)

ex = "examples/bao-cao-lap-vo.xml"
with tempfile.TemporaryDirectory() as d:
    libs, rc, err = opened([vanban, "render", ex, "-o", os.path.join(d, "a.pdf")])
    check(rc == 0 and os.path.getsize(os.path.join(d, "a.pdf")) > 10000, "the PDF renders", err[-500:])
    check(any(x.startswith("libharfbuzz") for x in libs), "LD_DEBUG lists the libraries (harfbuzz)", libs)
    for lib in LATE:
        check(not any(x.startswith(lib) for x in libs), f"a PDF render does not open {lib}", sorted(libs))

    libs, rc, err = opened([vanban, "render", ex, "-o", os.path.join(d, "a.docx")])
    check(rc == 0 and os.path.getsize(os.path.join(d, "a.docx")) > 5000, "the DOCX renders", err[-500:])
    check(any(x.startswith("libzip.so") for x in libs), "a DOCX render opens libzip", sorted(libs))
    check(not any(x.startswith("libcairo.so") for x in libs), "a DOCX render does not open cairo", sorted(libs))

    out = os.path.join(d, "png")
    libs, rc, err = opened([vanban, "preview", ex, "-o", out])
    pngs = [f for f in os.listdir(out) if f.endswith(".png")] if os.path.isdir(out) else []
    check(rc == 0 and len(pngs) >= 3, "the PNG preview renders its pages", err[-500:])
    check(any(x.startswith("libcairo.so") for x in libs), "a PNG preview opens cairo", sorted(libs))

print(f"test_startup: {failures} failed" if failures else "test_startup: ok")
sys.exit(1 if failures else 0)
