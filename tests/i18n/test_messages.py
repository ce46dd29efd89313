#!/usr/bin/python3
"""The program speaks Vietnamese when the locale says so (docs/messages.md).

Every entry of the two catalogues of broken documents (tests/bad,
tests/lint), checked with LC_ALL=vi_VN.UTF-8, prints the same number of
lines as under LC_ALL=C, at the same file:line:col, with the severity in
Vietnamese (lỗi, cảnh báo) and a message that is not the English one: no
message a user meets is left untranslated. A few lines are asserted exactly.
Under LC_ALL=C the output is the .expected files' English (test_bad_inputs,
test_lint); --help and usage errors speak Vietnamese too; LANG alone is
enough; LC_MESSAGES=C keeps English under a Vietnamese LANG; `vanban info`
reads and prints the same numbers under vi_VN (its JSON byte for byte).

usage: test_messages.py VANBAN"""
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
vanban = os.path.abspath(sys.argv[1])
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg, file=sys.stderr)
    return cond


def env(**kw):
    e = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    e.update(kw)
    return e


VI = env(LC_ALL="vi_VN.UTF-8")
C = env(LC_ALL="C")


def run(args, e):
    r = subprocess.run([vanban, *args], capture_output=True, cwd=ROOT, env=e)
    return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8")


have_vi = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower().count("vi_vn.utf8")
if not have_vi:
    print("note: no vi_VN.UTF-8 locale here (scripts/deps makes it); skipped")
    sys.exit(0)

POS = re.compile(r"^(.*?:(?:\d+:){0,2}) (error|warning|note): (.*)$")
POS_VI = re.compile(r"^(.*?:(?:\d+:){0,2}) (lỗi|cảnh báo|ghi chú): (.*)$")
SEV = {"error": "lỗi", "warning": "cảnh báo", "note": "ghi chú"}

# ---- every message of the two catalogues is translated -----------------------------
entries = sorted(glob.glob(os.path.join(ROOT, "tests", "bad", "*.xml")) +
                 glob.glob(os.path.join(ROOT, "tests", "lint", "*.xml")))
check(len(entries) >= 60, f"only {len(entries)} entries in tests/bad and tests/lint")
lines_seen = 0
for src in entries:
    rel = os.path.relpath(src, ROOT)
    rc_c, _, en = run(["check", rel], C)
    rc_vi, _, vi = run(["check", rel], VI)
    check(rc_c == rc_vi, f"{rel}: exit status {rc_vi} under vi_VN, {rc_c} under C")
    en_lines, vi_lines = en.splitlines(), vi.splitlines()
    if not check(len(en_lines) == len(vi_lines), f"{rel}: {len(vi_lines)} lines under vi_VN, {len(en_lines)} under C"):
        continue
    for e, v in zip(en_lines, vi_lines):
        me, mv = POS.match(e), POS_VI.match(v)
        if not check(me and mv, f"{rel}: not in the compiler form:\n  {e}\n  {v}"):
            continue
        lines_seen += 1
        check(me.group(1) == mv.group(1), f"{rel}: the position changed: {me.group(1)} / {mv.group(1)}")
        check(SEV[me.group(2)] == mv.group(2), f"{rel}: severity {me.group(2)} printed as {mv.group(2)}")
        check(me.group(3) != mv.group(3), f"{rel}: message not translated: {me.group(3)}")
check(lines_seen >= 80, f"only {lines_seen} message lines compared")

# ---- a few exactly --------------------------------------------------------------------
EXACT = {
    "tests/bad/missing-attribute.xml": "tests/bad/missing-attribute.xml:4:3: lỗi: <so_ky_hieu> cần có thuộc tính 'so'",
    "tests/bad/malformed-ampersand.xml": "tests/bad/malformed-ampersand.xml:21:26: lỗi: dấu '&' phải viết là &amp;",
    "tests/lint/notation-spaces.xml":
        "tests/lint/notation-spaces.xml:6:23: lỗi: ky_hieu không được có khoảng trắng: 'BC - SCT'",
    "tests/lint/number-leading-zero.xml":
        "tests/lint/number-leading-zero.xml:6:15: cảnh báo: so=\"5\": số nhỏ hơn 10 phải ghi thêm số 0 phía trước, "
        "05 (Nghị định 30, ô số 3); chương trình in 05",
    "tests/lint/header-in-content.xml":
        "tests/lint/header-in-content.xml:15:11: lỗi: <doan> chứa Quốc hiệu và Tiêu ngữ, phần chương trình tự in "
        "ở đầu trang 1 (ô số 1): hãy xóa đi",
    "tests/lint/nfd.xml":
        "tests/lint/nfd.xml:18:16: cảnh báo: chữ ở dạng tách dấu (NFD): 'ỗ' được gõ thành 'ô' + U+0303 "
        "(dấu kết hợp: ngã); chương trình in ở dạng dựng sẵn (NFC)",
}
for rel, want in EXACT.items():
    _, _, vi = run(["check", rel], VI)
    check(want in vi.splitlines(), f"{rel}: expected the line\n  {want}\ngot\n  {vi}")

# ---- LANG alone, and LC_MESSAGES over LANG ----------------------------------------------
rel = "tests/bad/missing-attribute.xml"
_, _, out = run(["check", rel], env(LANG="vi_VN.UTF-8"))
check("lỗi: <so_ky_hieu> cần có thuộc tính 'so'" in out, f"LANG=vi_VN.UTF-8 alone: {out}")
_, _, out = run(["check", rel], env(LANG="vi_VN.UTF-8", LC_MESSAGES="C"))
check("error: <so_ky_hieu> needs attribute 'so'" in out, f"LANG=vi_VN.UTF-8 LC_MESSAGES=C: {out}")

# ---- the CLI's own words ------------------------------------------------------------------
rc, out, _ = run(["--help"], VI)
check(rc == 0 and out.startswith("Cách dùng: vanban render TỆP_VÀO.xml -o TỆP_RA.(pdf|docx|json)"),
      f"--help under vi_VN: {out[:200]}")
_, out_c, _ = run(["--help"], C)
for opt in set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", out_c)):
    check(opt in out, f"the Vietnamese --help names {opt}")
rc, _, err = run(["render", rel], VI)
check(rc == 2 and err == "vanban: lỗi: chưa có tệp ra (-o TỆP)\nXem 'vanban --help'.\n", f"usage error: {err}")
rc, _, err = run(["check", "does-not-exist.xml"], VI)
check(rc == 3 and err.startswith("does-not-exist.xml: lỗi: không mở được: "), f"missing input: {err}")
# ---- vanban info: its numbers do not follow vi_VN's decimal comma ---------------------------
pdf = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"vanban-i18n-{os.getpid()}.pdf")
rc, _, err = run(["render", "examples/bao-cao-lap-vo.xml", "-o", pdf], C)
check(rc == 0, f"render for info: {err}")
rc_c, json_c, _ = run(["info", pdf, "--json"], C)
if rc_c != 4:  # 4: the qpdf library is missing here
    rc_vi, json_vi, _ = run(["info", pdf, "--json"], VI)
    check(rc_c == rc_vi == 0 and json_c == json_vi, f"info --json differs under vi_VN:\n{json_c}\n{json_vi}")
    _, text_c, _ = run(["info", pdf], C)
    _, text_vi, _ = run(["info", pdf], VI)
    nums = lambda t: re.findall(r"\d+(?:\.\d+)?", t.replace(pdf, ""))
    check(nums(text_c) == nums(text_vi) and "trang" in text_vi and text_c != text_vi,
          f"info's listing under vi_VN:\n{text_c}\n{text_vi}")
if os.path.exists(pdf):
    os.remove(pdf)
# ---- vanban batch ------------------------------------------------------------------------------
if os.path.exists(os.path.join(ROOT, "examples/batch/bao-cao.xml")):
    bad_csv = pdf + ".csv"
    with open(bad_csv, "w", encoding="utf-8") as f:
        f.write("a,b\n1,2\n")
    rc, _, err = run(["batch", "examples/batch/bao-cao.xml", bad_csv, "-o", pdf + ".out"], VI)
    check(rc == 1 and "examples/batch/bao-cao.xml:18:21: lỗi: dữ liệu không có cột 'so' cho {{so}} (các cột là: a, b)"
          in err.splitlines(), f"batch under vi_VN: {err}")
    rc, out, _ = run(["batch", "--help"], VI)
    check(rc == 0 and out.startswith("Cách dùng: vanban batch"), f"batch --help under vi_VN: {out[:100]}")
    os.remove(bad_csv)
rc, out, _ = run(["--version"], VI)
check(rc == 0 and out.startswith("vanban "), "--version's first line stays for scripts")

if failures:
    print(f"test_messages: {len(failures)} failed", file=sys.stderr)
    sys.exit(1)
print(f"test_messages: ok ({len(entries)} documents, {lines_seen} lines)")
