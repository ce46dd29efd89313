#!/usr/bin/python3
"""Every input in tests/fuzz/regress/ through the vanban program, as a user
would give it: documents (xml_read, render_pdf, render_docx) rendered to PDF
and DOCX from a copy of examples/ as the harnesses read them (image paths
are relative to examples/), layout files (layout_spec) through --layout with the reference
report (images, png/, only through replay_png). None may
end in a signal or exit status 5 (internal error), or take more than the time
bound; a failure must say something on standard error and leave no output
file.

usage: test_regress.py VANBAN"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
vanban = os.path.abspath(sys.argv[1])
slow = 8 if os.environ.get("VB_TEST_SANITIZED") else 1
failures = []
tmp = tempfile.mkdtemp(prefix="vanban-regress-")
ref = os.path.join(ROOT, "examples", "bao-cao-lap-vo.xml")


def one(label, args, out):
    t0 = time.monotonic()
    try:
        r = subprocess.run([vanban, "render", *args, "-o", out], capture_output=True, timeout=60 * slow)
    except subprocess.TimeoutExpired:
        failures.append(f"{label}: no answer after {60 * slow} s")
        return
    secs = time.monotonic() - t0
    err = r.stderr.decode("utf-8", "replace")
    if r.returncode < 0 or r.returncode == 5 or r.returncode > 5:
        failures.append(f"{label}: exit {r.returncode}\n{err[-3000:]}")
    elif r.returncode != 0 and (not err.strip() or os.path.exists(out)):
        failures.append(f"{label}: exit {r.returncode} with {'no message' if not err.strip() else 'a file left'}")
    elif secs > 10 * slow:
        failures.append(f"{label}: took {secs:.1f} s")
    if os.path.exists(out):
        os.remove(out)


# a copy of examples/ (links to its files) beside a link to tests/
examples = os.path.join(tmp, "examples")
os.mkdir(examples)
os.symlink(os.path.join(ROOT, "tests"), os.path.join(tmp, "tests"))
for f in os.listdir(os.path.join(ROOT, "examples")):
    os.symlink(os.path.join(ROOT, "examples", f), os.path.join(examples, f))

n = 0
for harness in sorted(os.listdir(os.path.join(HERE, "regress"))):
    d = os.path.join(HERE, "regress", harness)
    if not os.path.isdir(d) or harness == "png":
        continue
    for name in sorted(os.listdir(d)):
        path = os.path.join(d, name)
        n += 1
        for fmt in ("pdf", "docx"):
            out = os.path.join(tmp, "out." + fmt)
            if harness == "layout_spec":
                # a layout file is read from its own directory (for 'extends')
                lay = os.path.join(tmp, "layouts")
                os.makedirs(lay, exist_ok=True)
                for f in os.listdir(os.path.join(ROOT, "layouts")):
                    shutil.copy(os.path.join(ROOT, "layouts", f), lay)
                shutil.copy(path, os.path.join(lay, "fuzz.xml"))
                one(f"{harness}/{name} ({fmt})", [ref, "--layout", os.path.join(lay, "fuzz.xml")], out)
            else:
                # read as the harnesses read it: as a file in examples/
                # (image paths are relative to it)
                doc = os.path.join(examples, name)
                shutil.copy(path, doc)
                one(f"{harness}/{name} ({fmt})", [doc], out)
                os.remove(doc)

shutil.rmtree(tmp)
for f in failures:
    print("FAIL:", f, file=sys.stderr)
if failures:
    print(f"test_regress: {len(failures)} failed", file=sys.stderr)
    sys.exit(1)
print(f"test_regress: {n} inputs, ok")
