#!/usr/bin/env python3
"""Layout decides, writers write (docs/architecture.md): no object of a
writer (src/write/**) refers to a symbol defined by the shaping or
line-breaking code (src/layout/shape*.c, vb_linebreak.c), read with nm.

usage: test_writers.py OBJECT...   (every object of the core library)
"""
import subprocess
import sys


def syms(obj, flag):
    out = subprocess.run(["nm", flag, obj], capture_output=True, text=True, check=True).stdout
    return {line.split()[-1] for line in out.splitlines() if line.strip()}


objs = sys.argv[1:]
deciders = [o for o in objs if "/src/layout/shape" in o or "/src/layout/vb_linebreak" in o]
writers = [o for o in objs if "/src/write/" in o]
failed = 0
checks = 0


def check(ok, msg):
    global failed, checks
    checks += 1
    if not ok:
        failed += 1
        print("FAIL:", msg)


check(len(deciders) >= 2, f"the shaping and line-breaking objects are among the arguments: {deciders}")
check(len(writers) >= 6, f"the writers' objects are among the arguments: {writers}")
defined = set()
for o in deciders:
    defined |= syms(o, "--defined-only") - {"U"}
defined = {s for s in defined if s.startswith("vb_")}
check(len(defined) >= 3, f"the shaper defines its vb_ symbols: {sorted(defined)}")
for o in writers:
    used = syms(o, "--undefined-only") & defined
    check(not used, f"{o.split('/src/')[-1]} calls the shaper or the line breaker: {sorted(used)}")
print(f"{checks - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
