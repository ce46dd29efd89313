#!/usr/bin/env python3
"""`vanban check` says what `vanban render` would say (issue 9).

check lays the document out as render does and keeps only the messages: for
every example and test input the two print the same lines and end with the
same status, and a document whose layout warns (a word wider than its column,
a table too wide for a portrait page) gets that warning from both.

    test_check_render.py build/vanban"""
import glob
import os
import subprocess
import sys
import tempfile

vanban = sys.argv[1]
failures = 0


def check(cond, what, detail=""):
    global failures
    if not cond:
        failures += 1
        print(f"FAIL: {what}" + (f"\n  {detail}" if detail else ""))


def both(path, d):
    r = subprocess.run([vanban, "render", path, "-o", os.path.join(d, "out.pdf")], capture_output=True, text=True,
                       env=dict(os.environ, LC_ALL="C"))
    c = subprocess.run([vanban, "check", path], capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
    return r, c


inputs = sorted(glob.glob("examples/*.xml") + glob.glob("tests/data/*.xml") + glob.glob("tests/stress/*.xml")
                + glob.glob("tests/breaks/*.xml"))
check(len(inputs) > 40, "enough inputs", len(inputs))
with tempfile.TemporaryDirectory() as d:
    # one with a word far wider than the text, which only layout can find
    src = open("examples/cong-van.xml", encoding="utf-8").read()
    wide = os.path.join(d, "tu-dai.xml")
    with open(wide, "w", encoding="utf-8") as f:
        f.write(src.replace("<doan>", "<doan>" + "Đ" * 200 + " ", 1))
    inputs.append(wide)
    said = 0
    for path in inputs:
        r, c = both(path, d)
        check(r.stderr.splitlines() == c.stderr.splitlines(), f"{path}: check prints what render prints",
              f"render: {r.stderr[-400:]!r}\n  check:  {c.stderr[-400:]!r}")
        check((r.returncode == 0) == (c.returncode == 0), f"{path}: the same success", (r.returncode, c.returncode))
        said += bool(r.stderr.strip())
    r, c = both(wide, d)
    check("warning: a word is wider than its column" in c.stderr, "check finds the word wider than its column",
          c.stderr[-300:])
    r, c = both("tests/data/bang-rong.xml", d)
    check("landscape page" in c.stderr, "check finds the table too wide for a portrait page", c.stderr[-300:])
    check(said >= 3, "some inputs print messages (the comparison compares something)", said)

print(f"test_check_render: {failures} failed" if failures else f"test_check_render: {len(inputs)} inputs, ok")
sys.exit(1 if failures else 0)
