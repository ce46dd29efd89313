#!/usr/bin/python3
"""The message catalogues (docs/messages.md):

- po/vanban.pot is what xgettext extracts from the sources today (rebuild it
  with `cmake --build build --target pot` when a message is added or changed);
- po/vi.po translates every message of it: merged with the .pot, msgfmt
  --statistics counts no untranslated and no fuzzy entry;
- msgfmt --check (format strings: the same conversions in the same order as
  the English, --check-format; the header) passes;
- the compiled catalogue in the build tree is vi.po's;
- libvanban.so never calls setlocale (the embedder owns the locale).

usage: test_po.py SOURCE_DIR WORK_DIR LIBVANBAN_SO MO_FILE -- MAKE_POT_COMMAND..."""
import os
import re
import shutil
import subprocess
import sys

sep = sys.argv.index("--")
src, work, so, mo = (os.path.abspath(a) for a in sys.argv[1:5])
make_pot = sys.argv[sep + 1:]
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg, file=sys.stderr)
    return cond


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def entries(path):
    """msgid -> msgstr of a PO file, read back through msgcat (no wrapping)."""
    text = run(["msgcat", "--no-wrap", "--no-location", path]).stdout
    out = {}
    for m in re.finditer(r'^msgid (".*")\nmsgstr (".*")$', text, re.M):
        out[eval(m.group(1))] = eval(m.group(2))
    return out


shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
pot_in_tree = os.path.join(src, "po", "vanban.pot")
fresh = os.path.join(work, "vanban.pot")

# ---- the .pot is up to date -----------------------------------------------------------
r = run(make_pot)
check(r.returncode == 0 and os.path.exists(fresh), f"extracting the messages: {r.stdout}{r.stderr}")
if os.path.exists(fresh):
    old, new = open(pot_in_tree, encoding="utf-8").read(), open(fresh, encoding="utf-8").read()
    if not check(old == new, "po/vanban.pot is out of date: run cmake --build build --target pot, then "
                             "translate the new messages in po/vi.po (docs/messages.md)"):
        d = run(["diff", "-u", pot_in_tree, fresh]).stdout
        print(d[:4000], file=sys.stderr)
    n_pot = len(entries(fresh)) - 1
    check(n_pot >= 300, f"only {n_pot} messages extracted")

# ---- vi.po translates every one of them ----------------------------------------------------
merged = os.path.join(work, "vi-merged.po")
r = run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, os.path.join(src, "po", "vi.po"),
         fresh if os.path.exists(fresh) else pot_in_tree])
check(r.returncode == 0, f"msgmerge: {r.stderr}")
r = run(["msgfmt", "--check", "--check-format", "--statistics", "-o", os.devnull, merged])
stats = r.stderr.strip()
check(r.returncode == 0, f"msgfmt --check: {r.stderr}")
check(re.fullmatch(r"\d+ translated messages\.", stats.splitlines()[-1] if stats else ""),
      f"untranslated or fuzzy messages in po/vi.po: {stats}")
if r.returncode == 0:
    vi = entries(merged)
    missing = [k for k, v in vi.items() if k and not v]
    check(not missing, "no translation for: " + "; ".join(missing[:20]))
    # the severities editors read stay words, and the file:line:col stays as it is
    check(vi.get("error") == "lỗi" and vi.get("warning") == "cảnh báo", "error/warning are lỗi/cảnh báo")
print("vi.po:", stats)

# ---- msgfmt's own check of the checked-in file (its header, formats) ------------------------
r = run(["msgfmt", "--check", "--check-format", "-o", os.path.join(work, "vi.mo"), os.path.join(src, "po", "vi.po")])
check(r.returncode == 0, f"msgfmt --check po/vi.po: {r.stderr}")
check(os.path.exists(mo) and open(mo, "rb").read() == open(os.path.join(work, "vi.mo"), "rb").read(),
      f"{mo} is not po/vi.po compiled (rebuild)")

# ---- the library leaves the locale to its embedder ----------------------------------------------
r = run(["nm", "-D", "--undefined-only", so])
check(r.returncode == 0 and "setlocale" not in r.stdout and re.search(r"\bd(c)?gettext\b", r.stdout),
      "libvanban.so translates with dgettext and never calls setlocale")

if failures:
    print(f"test_po: {len(failures)} failed", file=sys.stderr)
    sys.exit(1)
print("test_po: ok")
