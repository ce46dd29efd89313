#!/usr/bin/python3
"""Writes vanban.dict, the libFuzzer dictionary: the input format's element
and attribute names and values (from schema/vanban.rng), the layout files'
names (from layouts/*.xml), the example images, and XML syntax. Run it again
when the format grows:

    tests/fuzz/make_dict.py > tests/fuzz/vanban.dict"""
import glob
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def esc(s):
    """A dictionary entry: printable ASCII as is, the rest as \\xNN."""
    out = []
    for b in s.encode("utf-8"):
        if b in (0x22, 0x5C):
            out.append("\\" + chr(b))
        elif 0x20 <= b < 0x7F:
            out.append(chr(b))
        else:
            out.append(f"\\x{b:02x}")
    return '"' + "".join(out) + '"'


rng = open(os.path.join(ROOT, "schema", "vanban.rng"), encoding="utf-8").read()
layouts = "".join(open(f, encoding="utf-8").read() for f in sorted(glob.glob(os.path.join(ROOT, "layouts", "*.xml"))))
lines = ["# vanban.dict - libFuzzer dictionary for tests/fuzz (made by make_dict.py):",
         "# the input format's names and values, the layout files' names, XML syntax.", "",
         "# elements of the input format"]
for e in sorted(set(re.findall(r'element name="([a-z_]+)"', rng))):
    lines += [esc(f"<{e}>"), esc(f"</{e}>"), esc(f"<{e}/>")]
lines += ["", "# attributes and values of the input format"]
for a in sorted(set(re.findall(r'attribute name="([a-z_]+)"', rng))):
    lines.append(esc(f' {a}="'))
for v in sorted(set(re.findall(r"<value>([^<]*)</value>", rng))):
    lines.append(esc(f'"{v}"'))
lines += [esc(x) for x in ("2023-07-05", "2024-02-29", "2023-02-30", "BC-UBND", "QĐ-UBND", "05", "0000001",
                           "38mm", "34mm", "Ủy ban nhân dân", "\u0301", "\u0323")]
lines += ["", "# images (the harnesses read documents as if they were in examples/)"]
for p in sorted(glob.glob(os.path.join(ROOT, "examples", "**", "*.png"), recursive=True)):
    lines.append(esc(f'src="{os.path.relpath(p, os.path.join(ROOT, "examples"))}"'))
lines += ["", "# layout files"]
for e in sorted(set(re.findall(r"<([a-z][a-z_-]*)", layouts))):
    lines.append(esc(f"<{e}"))
for a in sorted(set(re.findall(r" ([a-z][a-z_-]*)=", layouts))):
    lines.append(esc(f' {a}="'))
for r in sorted(set(re.findall(r'role="([a-z_]+)"', layouts))):
    lines.append(esc(f'"{r}"'))
lines += [esc(x) for x in ('mm"', 'pt"', 'cm"', 'in"', 'extends="nd30"', "nd30-13")]
lines += ["", "# XML syntax"]
lines += [esc(x) for x in ('<?xml version="1.0" encoding="UTF-8"?>', 'encoding="UTF-16"', 'encoding="ISO-8859-1"',
                           'encoding="windows-1258"', "<!DOCTYPE", "<!ENTITY", "SYSTEM", "<![CDATA[", "]]>", "<!--",
                           "-->", "&amp;", "&lt;", "&#7899;", "&#x1EDB;", 'xmlns="', "\ufeff")]
lines += ['"\\xff\\xfe"', '"\\xfe\\xff"']
print("\n".join(lines))
