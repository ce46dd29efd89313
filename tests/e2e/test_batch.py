#!/usr/bin/python3
"""`vanban batch`: the example batch (12 PDFs and 12 DOCX carrying each row's
values and communes), CSV and XLSX giving the same files, values printed as
typed, errors at the template's line and column, a bad row failing alone,
SIGKILL at any moment and --skip-existing, three shards through GNU parallel
equal to one run, names that stay inside OUTDIR, and disk full on a small
tmpfs.

usage: test_batch.py VANBAN"""
import csv
import decimal
import glob
import hashlib
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, check, finish, fold, pdftotext, run

vanban = os.path.abspath(sys.argv[1])
tmp = tempfile.mkdtemp(prefix="vanban-batch-")
EX = os.path.join(ROOT, "examples", "batch")
TEMPLATE = os.path.join(EX, "bao-cao.xml")
env = dict(os.environ)
env.pop("SOURCE_DATE_EPOCH", None)
env["LANG"] = "C.UTF-8"
env.pop("LC_ALL", None)
env.pop("LC_MESSAGES", None)


def batch(*args, **kw):
    return subprocess.run([vanban, "batch", *args], capture_output=True, env=env, **kw)


def files(d, pattern="*"):
    return sorted(os.path.basename(p) for p in glob.glob(os.path.join(d, pattern)))


def read(p):
    with open(p, "rb") as f:
        return f.read()


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def vi_number(s, decimals=None):
    """What the `so` filter prints, for checking: 986.271, 748,8."""
    neg = s.startswith("-")
    s = s.lstrip("-")
    whole, _, frac = s.partition(".")
    if decimals is not None:  # half away from zero, on the decimal text
        q = decimal.Decimal(s).quantize(decimal.Decimal(1).scaleb(-decimals), rounding=decimal.ROUND_HALF_UP)
        whole, _, frac = str(q).partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups) + ("," + frac if frac else "")
    return ("-" if neg else "") + out


# ---- the example: 12 PDFs and 12 DOCX ------------------------------------------------
huyen = read_csv(os.path.join(EX, "huyen.csv"))
xa = read_csv(os.path.join(EX, "xa.csv"))
check(len(huyen) == 12, "huyen.csv has 12 rows")
out_csv = os.path.join(tmp, "csv")
r = batch(TEMPLATE, os.path.join(EX, "huyen.csv"), "-o", out_csv, "--format", "pdf,docx",
          "--name", "{{ma_huyen}}-{{loai}} {{ten}}")
check(r.returncode == 0, f"example batch: {r.returncode} {r.stderr.decode()}")
pdfs, docxs = files(out_csv, "*.pdf"), files(out_csv, "*.docx")
check(len(pdfs) == 12 and len(docxs) == 12, f"example: {len(pdfs)} PDFs, {len(docxs)} DOCX")
check("875-huyện Lấp Vò.pdf" in pdfs and "866-thành phố Cao Lãnh.docx" in docxs, f"names: {pdfs}")
try:
    import docx as python_docx
except ImportError:
    python_docx = None
    check(False, "python-docx is not installed (scripts/deps installs python3-docx): the DOCX are not read back")
for row in huyen:
    base = os.path.join(out_csv, f"{row['ma_huyen']}-{row['loai']} {row['ten']}")
    text, err, rc = pdftotext(base + ".pdf", "-layout")
    t = fold(text)
    check(rc == 0 and not err, f"{base}.pdf: pdftotext {rc} {err}")
    name = row["ten"]
    want = [f"{row['loai'].upper()} {name.upper()}",          # hoa: ỦY BAN NHÂN DÂN / HUYỆN LẤP VÒ
            f"Số: {row['so']}/BC-UBND",
            f"Uỷ ban nhân dân {row['loai']} {name} báo cáo",
            f"thực hiện {row['so_du_an']} dự án",
            f"hỗ trợ là {vi_number(row['ho_tro'], 1)} triệu đồng",
            f"là {vi_number(row['doi_ung'])} đồng",
            f"có {row['so_co_so']} cơ sở tham gia",
            row["nguoi_ky"], row["chuc_vu"].upper()]
    if row["ghi_chu"]:
        want.append("Ghi chú: " + row["ghi_chu"])
    communes = [x for x in xa if x["ma_huyen"] == row["ma_huyen"]]
    check(len(communes) >= 3, f"{name}: communes in xa.csv")
    for i, c in enumerate(communes, start=1):
        want.append(f"{i} {c['ten_xa']} {vi_number(c['co_so'])} {vi_number(c['kinh_phi'], 1)}")
    for w in want:
        check(fold(w) in t, f"{name}.pdf lacks '{w}'")
    check(("Ghi chú:" in t) == bool(row["ghi_chu"]), f"{name}: mau_neu block kept only with a note")
    # only this district's communes
    others = [x["ten_xa"] for x in xa if x["ma_huyen"] != row["ma_huyen"] and
              x["ten_xa"] not in [c["ten_xa"] for c in communes]]
    check(not any(f" {o} " in t for o in others if len(o) > 9), f"{name}: another district's commune")
    if python_docx:
        d = python_docx.Document(base + ".docx")
        body = fold(" ".join(p.text for p in d.paragraphs) + " " +
                    " ".join(c.text for tb in d.tables for rw in tb.rows for c in rw.cells))
        for w in [f"thực hiện {row['so_du_an']} dự án", row["nguoi_ky"]] + [c["ten_xa"] for c in communes]:
            check(fold(w) in body, f"{name}.docx lacks '{w}'")
# the amount in words, as the reference report's figure reads
lv = fold(pdftotext(os.path.join(out_csv, "875-huyện Lấp Vò.pdf"))[0])
check("Chín trăm tám mươi sáu triệu hai trăm bảy mươi mốt nghìn đồng" in lv, "amount in words")
check("Lấp Vò, ngày 05 tháng 7 năm 2023" in lv, "date line")

# --compact: the same documents, each smaller, with the same text, sound for qpdf
out_small = os.path.join(tmp, "compact")
r = batch(TEMPLATE, os.path.join(EX, "huyen.csv"), "-o", out_small, "-q", "--compact",
          "--name", "{{ma_huyen}}-{{loai}} {{ten}}")
check(r.returncode == 0, f"batch --compact: {r.returncode} {r.stderr.decode()}")
check(files(out_small, "*.pdf") == pdfs, f"batch --compact: {files(out_small, '*.pdf')}")
for f in files(out_small, "*.pdf"):
    big, small = os.path.join(out_csv, f), os.path.join(out_small, f)
    check(os.path.getsize(small) < os.path.getsize(big),
          f"batch --compact: {f} is {os.path.getsize(small)} bytes, {os.path.getsize(big)} without")
    check(pdftotext(small)[0] == pdftotext(big)[0], f"batch --compact: {f}: not the same text")
    q = subprocess.run(["qpdf", "--check", small], capture_output=True)
    check(q.returncode == 0 and not q.stderr, f"batch --compact: {f}: qpdf {q.stdout.decode()} {q.stderr.decode()}")

# manifest: row, key, file, pages, SHA-256 of every file
man = list(csv.reader(open(os.path.join(out_csv, "manifest.csv"), encoding="utf-8", newline="")))
check(len(man) == 24, f"manifest has {len(man)} lines")
for row_no, key, fname, pages, sha in man:
    p = os.path.join(out_csv, fname)
    check(hashlib.sha256(read(p)).hexdigest() == sha, f"manifest SHA-256 of {fname}")
    check(key == huyen[int(row_no) - 1]["ma_huyen"], f"manifest key of row {row_no}")
    if fname.endswith(".pdf"):
        info = run(["pdfinfo", p]).stdout.decode()
        check(f"Pages:           {pages}" in info, f"manifest pages of {fname}: {pages}")
check(not files(out_csv, ".vbtmp*") and not [f for f in os.listdir(out_csv) if f.startswith(".")],
      f"temporary files left: {os.listdir(out_csv)}")

# ---- CSV and XLSX: the same files -------------------------------------------------------
out_xlsx = os.path.join(tmp, "xlsx")
r = batch(TEMPLATE, os.path.join(EX, "so-lieu.xlsx"), "--sheet", "huyen", "-o", out_xlsx, "--format", "pdf,docx",
          "--name", "{{ma_huyen}}-{{loai}} {{ten}}", "-q")
check(r.returncode == 0 and not r.stderr, f"xlsx batch: {r.returncode} {r.stderr.decode()}")
for f in pdfs + docxs + ["manifest.csv"]:
    check(os.path.exists(os.path.join(out_xlsx, f)) and read(os.path.join(out_csv, f)) == read(os.path.join(out_xlsx, f)),
          f"CSV and XLSX differ: {f}")

# ---- a small template for the other cases -------------------------------------------------
SMALL = """<?xml version="1.0" encoding="UTF-8"?>
<van_ban loai="giay_nghi_phep" phien_ban="1">
  <co_quan_chu_quan>UBND TỈNH ĐỒNG THÁP</co_quan_chu_quan>
  <co_quan_ban_hanh>SỞ NỘI VỤ</co_quan_ban_hanh>
  <so_ky_hieu so="{{so}}" ky_hieu="GNP-SNV"/>
  <dia_danh>Đồng Tháp</dia_danh>
  <ngay>2024-06-03</ngay>
  <noi_dung>
    <doan>Cấp cho: {{ten}}</doan>
    <doan>Số ngày: {{ngay_nghi|so}} ({{ngay_nghi|chu}} ngày)</doan>
    <doan>Ghi chú: {{ghi_chu|mac_dinh:"không có"}}</doan>
  </noi_dung>
  <chu_ky>
    <tham_quyen loai="KT">GIÁM ĐỐC</tham_quyen>
    <chuc_vu>PHÓ GIÁM ĐỐC</chuc_vu>
    <ho_ten>Hồ Văn Dũng</ho_ten>
  </chu_ky>
  <noi_nhan>
    <nhan>{{ten}}</nhan>
    <luu don_vi="VP"/>
  </noi_nhan>
</van_ban>
"""


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path


small = write(os.path.join(tmp, "giay.xml"), SMALL)


def rows_csv(path, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["so", "ten", "ngay_nghi", "ghi_chu"])
    w.writerows(rows)
    return write(path, buf.getvalue())


# a value holding markup prints as typed, and never adds any
lit = rows_csv(os.path.join(tmp, "lit.csv"), [["1", '<b>&amp; "x" & <i>y</i>', "10", ""],
                                              ["2", "Bà Trần Thị Thu Trang", "21", "<doan>injected</doan>"]])
out = os.path.join(tmp, "lit")
r = batch(small, lit, "-o", out, "-q")
check(r.returncode == 0, f"literal values: {r.stderr.decode()}")
t1 = fold(pdftotext(os.path.join(out, "1.pdf"))[0])
t2 = fold(pdftotext(os.path.join(out, "2.pdf"))[0])
check('Cấp cho: <b>&amp; "x" & <i>y</i>' in t1, f"literal value: {t1[:400]}")
check("Ghi chú: không có" in t1 and "Ghi chú: <doan>injected</doan>" in t2, "mac_dinh / literal markup")
check("Số ngày: 10 (mười ngày)" in t1 and "Số ngày: 21 (hai mươi mốt ngày)" in t2, "so / chu filters")

# a bad row fails alone, with its row number; the exit status says so
bad = rows_csv(os.path.join(tmp, "bad.csv"), [["1", "An", "3", ""], ["2", "Bình", "ba", ""], ["3", "Chi", "5", ""]])
out = os.path.join(tmp, "bad")
r = batch(small, bad, "-o", out, "-q")
err = r.stderr.decode()
check(r.returncode == 1, f"bad row: exit {r.returncode}")
check("row 2 (" in err and "bad.csv:3" in err and "giay.xml:10:" in err and "column 'ngay_nghi' is 'ba': not a number (filter so)" in err,
      f"bad row message: {err}")
check(files(out, "*.pdf") == ["1.pdf", "3.pdf"], f"bad row: files {files(out)}")
check(len(read(os.path.join(out, "manifest.csv")).splitlines()) == 2, "bad row: manifest lists the two good rows")
# the same from a workbook: the message names the cell, so-lieu.xlsx:ROW:COLUMN
import importlib.util
spec = importlib.util.spec_from_file_location("make_data", os.path.join(EX, "make-data.py"))
make_data = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_data)
bad_xlsx = os.path.join(tmp, "bad.xlsx")
make_data.write_xlsx(bad_xlsx, [("giay", ["so", "ten", "ngay_nghi", "ghi_chu"],
                                 [["1", "An", 3, ""], ["2", "Bình", "ba", ""], ["3", "Chi", 5, ""]], set())])
r = batch(small, bad_xlsx, "-o", os.path.join(tmp, "bad-xlsx"), "-q")
err = r.stderr.decode()
check(r.returncode == 1 and "row 2 (" in err and "column 'ngay_nghi' is 'ba' (" + bad_xlsx + ":3:C): not a number" in err,
      f"bad row in a workbook: {err}")
check(files(os.path.join(tmp, "bad-xlsx"), "*.pdf") == ["1.pdf", "3.pdf"], "bad row in a workbook: the others")

# a CSV row with a missing field fails alone too
ragged = write(os.path.join(tmp, "ragged.csv"), "so,ten,ngay_nghi,ghi_chu\n1,An,3,\n2,Bình\n3,Chi,5,\n")
r = batch(small, ragged, "-o", os.path.join(tmp, "ragged"), "-q")
check(r.returncode == 1 and "row 2: " in r.stderr.decode() and "ragged.csv:3: error: the row has 2 fields but the header has 4"
      in r.stderr.decode(), f"ragged row: {r.stderr.decode()}")
check(files(os.path.join(tmp, "ragged"), "*.pdf") == ["1.pdf", "3.pdf"], "ragged row: the others written")

# a control character in a cell (it would break the DOCX's XML) fails its row, by name
ctl = rows_csv(os.path.join(tmp, "ctl.csv"), [["1", "A\x01B", "3", ""], ["2", "Bình", "4", ""]])
r = batch(small, ctl, "-o", os.path.join(tmp, "ctl"), "-q", "--format", "pdf,docx")
check(r.returncode == 1 and "row 1 (" in r.stderr.decode() and "giay.xml:9:22: error: column 'ten' holds the control "
      "character U+0001" in r.stderr.decode(), f"control character: {r.stderr.decode()}")
check(files(os.path.join(tmp, "ctl")) == ["2.docx", "2.pdf", "manifest.csv"], f"control character: {files(os.path.join(tmp, 'ctl'))}")

# the linter's warnings: counted, shown with -v at the template's place
warn = rows_csv(os.path.join(tmp, "warn.csv"), [["7", "An", "3", ""], ["12", "Bình", "4", ""]])
r = batch(small, warn, "-o", os.path.join(tmp, "warn"), "-q")
check(r.returncode == 0 and "1 rows have warnings (-v shows them)" in r.stderr.decode(), f"warnings: {r.stderr.decode()}")
r = batch(small, warn, "-o", os.path.join(tmp, "warn-v"), "-q", "-v")
check(r.returncode == 0 and "warn.csv:2): " in r.stderr.decode() and "giay.xml:5:15: warning: so=\"7\"" in r.stderr.decode(),
      f"warnings with -v: {r.stderr.decode()}")

# the template's errors: line and column, the column and the filter; nothing written
broken = write(os.path.join(tmp, "broken.xml"),
               SMALL.replace("Cấp cho: {{ten}}", "Cấp cho: {{ten|tien}} {{khong_co}}")
                    .replace('<doan>Ghi chú:', '<doan mau_neu="thieu">Ghi chú:'))
out = os.path.join(tmp, "broken")
r = batch(broken, lit, "-o", out)
err = r.stderr.decode()
check(r.returncode == 1, f"template errors: exit {r.returncode}")
check("broken.xml:9:26: error: unknown filter 'tien'" in err and "(column 'ten')" in err, f"unknown filter: {err}")
check("broken.xml:9:35: error: no column 'khong_co' in the data" in err, f"missing column: {err}")
check("broken.xml:11:20: error: mau_neu=\"thieu\": no column 'thieu'" in err, f"mau_neu column: {err}")
check(not os.path.exists(out), "template errors: OUTDIR made")

# names: no path leaves OUTDIR, none Windows refuses; two rows, one name: error first
evil = rows_csv(os.path.join(tmp, "evil.csv"), [["1", "../../thoat", "1", ""], ["2", "CON", "1", ""],
                                                ["3", "a/b", "1", ""], ["4", "..", "1", ""], ["5", "Lấp Vò", "1", ""]])
out = os.path.join(tmp, "names", "out")
r = batch(small, evil, "-o", out, "--name", "{{ten}}", "-q")
check(r.returncode == 0, f"evil names: {r.stderr.decode()}")
check(files(out, "*.pdf") == sorted(["_.._thoat.pdf", "_CON.pdf", "a_b.pdf", "_.pdf", "Lấp Vò.pdf"]),
      f"evil names: {files(out)}")
check(sorted(os.listdir(os.path.join(tmp, "names"))) == ["out"] and not os.path.exists(os.path.join(tmp, "thoat.pdf")),
      "a name left OUTDIR")
dup = rows_csv(os.path.join(tmp, "dup.csv"), [["1", "An", "1", ""], ["2", "Bình", "1", ""], ["3", "AN", "1", ""]])
out = os.path.join(tmp, "dup")
r = batch(small, dup, "-o", out, "--name", "{{ten}}")
check(r.returncode == 1 and "dup.csv:4: error: row 3 and row 1 (" in r.stderr.decode() and
      "dup.csv:2) would both write 'AN'" in r.stderr.decode(),
      f"duplicate names: {r.stderr.decode()}")
check(not os.path.exists(out), "duplicate names: something written")

# progress: plain lines when stderr is not a terminal
r = batch(small, lit, "-o", os.path.join(tmp, "prog"))
check(r.returncode == 0 and "vanban batch: 2/2 done" in r.stderr.decode() and "written: 2, already there: 0, failed: 0" in r.stderr.decode(),
      f"progress lines: {r.stderr.decode()}")
r = subprocess.run([vanban, "batch", small, lit, "-o", os.path.join(tmp, "prog-vi")], capture_output=True,
                   env=dict(env, LANG="vi_VN.UTF-8"))
check("đã ghi: 2" in r.stderr.decode(), f"Vietnamese summary: {r.stderr.decode()}")

# usage errors: exit 2, nothing written
for args, msg in [([small], "batch needs a template and a data file"),
                  ([small, lit], "no output directory given"),
                  ([small, lit, "-o", "X", "--shard", "3/3"], "--shard needs K/N with 0 <= K < N"),
                  ([small, lit, "-o", "X", "--shard", "1"], "--shard needs K/N"),
                  ([small, lit, "-o", "X", "--format", "odt"], "--format takes pdf, docx or pdf,docx"),
                  ([small, lit, "-o", "X", "--jobs", "0"], "--jobs needs a number from 1 to 1024"),
                  ([small, lit, "-o", "X", "--sheet", "a"], "--sheet is for an Excel workbook"),
                  ([small, lit, "-o", "X", "--bogus"], "unknown option --bogus")]:
    r = batch(*args, cwd=tmp)
    want = 2
    check(r.returncode == want and msg in r.stderr.decode(), f"usage {args[2:]}: {r.returncode} {r.stderr.decode()}")
    check(not os.path.exists(os.path.join(tmp, "X")), f"usage {args[2:]}: wrote OUTDIR")
r = batch("--help")
check(r.returncode == 0 and b"Usage: vanban batch" in r.stdout and b"--shard K/N" in r.stdout, "batch --help")

# ---- many rows: kill, resume, shard ----------------------------------------------------------
N = 240
big = os.path.join(tmp, "nhieu.csv")
base = huyen
with open(big, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(list(base[0].keys()))
    for i in range(N):
        row = dict(base[i % len(base)])
        row["so"] = str(100 + i)
        w.writerow(row.values())
shutil.copy(os.path.join(EX, "xa.csv"), os.path.join(tmp, "xa.csv"))
ref = os.path.join(tmp, "ref")
r = batch(TEMPLATE, big, "-o", ref, "-q", "--jobs", "2")
check(r.returncode == 0 and len(files(ref, "*.pdf")) == N, f"reference run: {r.returncode} {r.stderr.decode()[:300]}")
ref_files = {f: read(os.path.join(ref, f)) for f in files(ref, "*.pdf")}

# SIGKILL at several moments: only complete files under final names; --skip-existing finishes
out = os.path.join(tmp, "killed")
rng = random.Random(7)
for attempt in range(3):
    p = subprocess.Popen([vanban, "batch", TEMPLATE, big, "-o", out, "-q", "--jobs", "2", "--skip-existing"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    target = (attempt + 1) * N // 5 + rng.randrange(10)
    t0 = time.time()
    while time.time() - t0 < 60 and p.poll() is None:
        if os.path.isdir(out) and len(files(out, "*.pdf")) >= target:
            break
        time.sleep(0.002)
    p.send_signal(signal.SIGKILL)
    p.wait()
    p.stderr.close()
    done = files(out, "*.pdf")
    check(0 < len(done) < N, f"kill {attempt}: {len(done)} files when killed (the run was not interrupted)")
    for f in done:
        check(read(os.path.join(out, f)) == ref_files.get(f), f"kill {attempt}: {f} is not complete")
leftovers = [f for f in os.listdir(out) if f.startswith(".vbtmp.")]
r = batch(TEMPLATE, big, "-o", out, "-q", "--skip-existing")
check(r.returncode == 0, f"--skip-existing: {r.stderr.decode()[:300]}")
check(files(out, "*.pdf") == sorted(ref_files), "--skip-existing: not every file")
for f in files(out, "*.pdf"):
    check(read(os.path.join(out, f)) == ref_files[f], f"--skip-existing: {f} differs from one run's")
check(read(os.path.join(out, "manifest.csv")) == read(os.path.join(ref, "manifest.csv")),
      "--skip-existing: manifest differs from one run's")
check(not [f for f in os.listdir(out) if f.startswith(".")], f"leftovers not removed: {os.listdir(out)}")
print(f"kill/resume: {len(leftovers)} temporary leftovers of the killed runs, removed", file=sys.stderr)

# SIGTERM (what Kubernetes sends): the rows under way finish, the manifest lists what was written
out = os.path.join(tmp, "term")
p = subprocess.Popen([vanban, "batch", TEMPLATE, big, "-o", out, "-q", "--jobs", "2"],
                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
t0 = time.time()
while time.time() - t0 < 60 and p.poll() is None and len(files(out, "*.pdf")) < N // 3:
    time.sleep(0.002)
p.send_signal(signal.SIGTERM)
p.wait()
err = p.stderr.read().decode()
p.stderr.close()
done = files(out, "*.pdf")
check(p.returncode == 128 + signal.SIGTERM and "stopped (SIGTERM)" in err, f"SIGTERM: {p.returncode} {err}")
listed = sorted(l.split(",")[2] for l in read(os.path.join(out, "manifest.csv")).decode().splitlines()) \
    if os.path.exists(os.path.join(out, "manifest.csv")) else None
check(listed == done and 0 < len(done) < N, f"SIGTERM: {len(done)} files, manifest lists {listed and len(listed)}")
check(not [f for f in os.listdir(out) if f.startswith(".")], f"SIGTERM: temporary files left: {os.listdir(out)}")
for f in done:
    check(read(os.path.join(out, f)) == ref_files[f], f"SIGTERM: {f} is not complete")

# three shards with GNU parallel: together, byte for byte, the files of one run
if shutil.which("parallel"):
    out = os.path.join(tmp, "shards")
    r = subprocess.run(["parallel", "--halt", "now,fail=1", vanban, "batch", TEMPLATE, big, "-o", out, "-q",
                        "--jobs", "1", "--shard", "{}/3", ":::", "0", "1", "2"], capture_output=True, env=env)
    check(r.returncode == 0, f"parallel shards: {r.stderr.decode()[:400]}")
    got = files(out, "*.pdf")
    check(got == sorted(ref_files), f"shards: {len(got)} files, want {len(ref_files)}")
    for f in got:
        check(read(os.path.join(out, f)) == ref_files[f], f"shards: {f} differs")
    parts = [os.path.join(out, f"manifest-{k}-of-3.csv") for k in range(3)]
    lines = []
    for p in parts:
        check(os.path.exists(p), f"shard manifest {p}")
        lines += read(p).splitlines(keepends=True) if os.path.exists(p) else []
    lines.sort(key=lambda l: int(l.split(b",")[0]))
    check(b"".join(lines) == read(os.path.join(ref, "manifest.csv")), "shard manifests together != the run's")
    # each shard holds exactly the rows whose index mod 3 is its number
    for k in range(3):
        rows = [int(l.split(b",")[0]) for l in read(parts[k]).splitlines()]
        check(rows == [i + 1 for i in range(N) if i % 3 == k], f"shard {k}/3 rows")
else:
    check(False, "GNU parallel is not installed (scripts/deps installs it)")

# ---- disk full on a small tmpfs: the rows it hits fail, nothing partial ------------------------
mnt = os.path.join(tmp, "full")
os.makedirs(mnt)
m = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", mnt], capture_output=True)
if m.returncode != 0:
    print(f"test_batch: SKIPPED the disk-full case: cannot mount a tmpfs here ({m.stderr.decode().strip()})",
          file=sys.stderr)
else:
    try:
        r = batch(TEMPLATE, big, "-o", mnt, "-q", "--jobs", "2")
        err = r.stderr.decode()
        check(r.returncode == 3, f"disk full: exit {r.returncode}")
        check("No space left on device" in err and "row " in err, f"disk full message: {err[:400]}")
        done = files(mnt, "*.pdf")
        check(0 < len(done) < N, f"disk full: {len(done)} files")
        for f in done:
            check(read(os.path.join(mnt, f)) == ref_files[f], f"disk full: {f} is partial")
        check(not [f for f in os.listdir(mnt) if f.startswith(".vbtmp.") and not f.endswith(".lock")],
              f"disk full: temporary files left: {os.listdir(mnt)}")
    finally:
        subprocess.run(["umount", mnt])

shutil.rmtree(tmp, ignore_errors=True)
finish("test_batch")
