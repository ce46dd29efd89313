#!/usr/bin/env python3
"""The shared library exports exactly the calls vanban.h marks VB_API (every
other symbol is hidden), and its SONAME carries the ABI number.

usage: test_exports.py LIBVANBAN.so VANBAN_H"""
import re
import subprocess
import sys

lib, header = sys.argv[1], sys.argv[2]
text = open(header, encoding="utf-8").read()
declared = set(re.findall(r"^VB_API\b[^(]*?\b(vb_\w+)\s*\(", text, re.M))
nm = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True, text=True, check=True).stdout
exported = {line.split()[-1] for line in nm.splitlines() if line.split()[1:2] in (["T"], ["D"], ["B"], ["R"])}
failed = 0
if len(declared) < 20:
    print(f"FAIL: only {len(declared)} VB_API declarations found in {header}")
    failed += 1
for name in sorted(exported - declared):
    print(f"FAIL: {name} is exported but not declared VB_API in vanban.h")
    failed += 1
for name in sorted(declared - exported):
    print(f"FAIL: {name} is declared VB_API but the library does not export it")
    failed += 1
dyn = subprocess.run(["readelf", "-d", lib], capture_output=True, text=True, check=True).stdout
soname = re.search(r"Library soname: \[([^\]]+)\]", dyn)
if not soname or not re.fullmatch(r"libvanban\.so\.\d+", soname.group(1)):
    print(f"FAIL: SONAME is {soname.group(1) if soname else 'missing'}, want libvanban.so.N")
    failed += 1
print(f"{len(exported)} symbols exported, {len(declared)} declared; SONAME {soname.group(1) if soname else '-'}")
print(f"{1 if not failed else 0} passed, {1 if failed else 0} failed")
sys.exit(1 if failed else 0)
