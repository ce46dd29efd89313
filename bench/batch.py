#!/usr/bin/env python3
"""How fast `vanban batch` renders: 3,321 rows (one per commune of the
country, names generated) through the reference report as a template, with
1 and 2 jobs; documents per second and peak RSS (of the vanban process, from
wait4), plus 300 rows to show that memory does not grow with the rows.

    bench/batch.py [--vanban build/vanban] [--rows 3321] [--out DIR] [--format pdf]

The template is examples/batch/bao-cao.xml without its table of communes:
the reference report (examples/bao-cao-lap-vo.xml, three pages) with a
placeholder for every figure that differs by unit. With --with-table the
table stays, filled from a generated sheet of three hamlets (ấp) per row.
Output goes to a fresh directory (--out: under DIR), removed afterwards."""
import argparse
import csv
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EX = os.path.join(ROOT, "examples", "batch")

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Ngọc", "Quốc", "Hữu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc",
         "Quang", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến"]
SYL = ["An", "Bình", "Phú", "Tân", "Long", "Mỹ", "Hòa", "Thạnh", "Hưng", "Phước", "Thuận", "Lợi", "Khánh", "Đông",
       "Tây", "Nam", "Bắc", "Trung", "Hiệp", "Thới", "Vĩnh", "Định", "Hội", "Xuân", "Sơn", "Lộc", "Thành", "Quý"]
KIND = ["xã"] * 8 + ["phường", "thị trấn"]


def gen_rows(n, seed=30):
    rng = random.Random(seed)
    cols = ["ma_huyen", "loai", "ten", "dia_danh", "so", "ngay_bao_cao", "so_du_an", "ho_tro", "doi_ung",
            "so_co_so", "sp_dang_ky", "sp_chung_nhan", "kinh_phi_binh_chon", "ghi_chu", "chuc_vu", "nguoi_ky"]
    rows, xa = [], []
    for i in range(n):
        ma = "%05d" % (i * 3 + 1)
        ten = rng.choice(SYL) + " " + rng.choice(SYL) + ("" if rng.random() < 0.7 else " " + "ABC"[rng.randrange(3)])
        co_so = rng.randrange(3, 40)
        ho_tro = rng.randrange(1000, 20000) / 10
        rows.append([ma, rng.choice(KIND), ten, ten.split(" ")[0] + " " + ten.split(" ")[1], "%02d" % rng.randrange(1, 200),
                     "2023-%02d-%02d" % (rng.randrange(1, 13), rng.randrange(1, 29)), "%02d" % rng.randrange(1, 9),
                     "%.1f" % ho_tro, str(rng.randrange(100, 3000) * 1000000 + rng.randrange(0, 1000) * 1000),
                     str(co_so), str(co_so + rng.randrange(0, 10)), str(co_so), str(rng.randrange(10, 90)),
                     "" if rng.random() < 0.8 else "Có dự án chuyển sang năm sau.", "Phó Chủ tịch",
                     " ".join([rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)])])
        for k in range(3):
            xa.append([ma, "Ấp " + rng.choice(SYL) + " " + str(k + 1), str(co_so // 3), "%.1f" % (ho_tro / 3)])
    return cols, rows, xa


def write_csv(path, cols, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(cols)
        w.writerows(rows)


def run(vanban, tmpl, data, out, jobs, fmt):
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    t0 = time.monotonic()
    p = subprocess.Popen([vanban, "batch", tmpl, data, "-o", out, "--jobs", str(jobs), "--format", fmt, "-q"],
                         stderr=subprocess.PIPE, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    el = time.monotonic() - t0
    err = p.stderr.read().decode()
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("bench/batch.py: vanban batch failed:\n" + err)
    return el, ru.ru_maxrss / 1024.0, ru.ru_utime + ru.ru_stime


def template(with_table):
    text = open(os.path.join(EX, "bao-cao.xml"), encoding="utf-8").read()
    if not with_table:
        text = re.sub(r"\s*<doan>Kết quả theo từng xã[^<]*</doan>\s*<bang>.*?</bang>", "", text, flags=re.S)
    return text


def write_data(d, with_table):
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "bao-cao.xml"), "w", encoding="utf-8").write(template(with_table))
    cols, rows, xa = gen_rows(130)
    for n in (30, 130):
        write_csv(os.path.join(d, "%d.csv" % n), cols, rows[:n])
    write_csv(os.path.join(d, "xa.csv"), ["ma_huyen", "ten_xa", "co_so", "kinh_phi"], xa)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vanban", default=os.path.join(ROOT, "build", "vanban"))
    ap.add_argument("--rows", type=int, default=3321)
    ap.add_argument("--out", default=None)
    ap.add_argument("--format", default="pdf")
    ap.add_argument("--with-table", action="store_true")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each case; the best is shown")
    ap.add_argument("--data-only", metavar="DIR", help="write the template and the first 30 and 130 rows "
                    "(30.csv, 130.csv) into DIR and stop (bench/count batch)")
    a = ap.parse_args()
    if a.data_only:
        write_data(a.data_only, a.with_table)
        return
    work = tempfile.mkdtemp(prefix="vanban-bench-", dir=a.out)
    try:
        tmpl = os.path.join(work, "bao-cao.xml")
        open(tmpl, "w", encoding="utf-8").write(template(a.with_table))
        cols, rows, xa = gen_rows(a.rows)
        data = os.path.join(work, "xa-ca-nuoc.csv")
        write_csv(data, cols, rows)
        write_csv(os.path.join(work, "xa.csv"), ["ma_huyen", "ten_xa", "co_so", "kinh_phi"], xa)
        small = os.path.join(work, "300.csv")
        write_csv(small, cols, rows[:300])
        out = os.path.join(work, "out")
        what = "with a table of 3 hamlets" if a.with_table else "the reference report"
        print(f"vanban batch: {what}, {a.format}, output in {work}; load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")
        print(f"  (best of {a.repeat} runs each; a run is the whole command: start, check, names, files, manifest)")
        pages = None
        for n_rows, src in ((300, small), (a.rows, data)):
            for jobs in (1, 2):
                best = None
                for _ in range(a.repeat):
                    el, rss, cpu = run(a.vanban, tmpl, src, out, jobs, a.format)
                    if best is None or el < best[0]:
                        best = (el, rss, cpu)
                if pages is None and a.format.startswith("pdf"):
                    first = sorted(f for f in os.listdir(out) if f.endswith(".pdf"))[0]
                    info = subprocess.run(["pdfinfo", os.path.join(out, first)], capture_output=True).stdout.decode()
                    m = re.search(r"Pages:\s+(\d+)", info)
                    pages = m.group(1) if m else "?"
                    print(f"  ({pages} pages per document)")
                el, rss, cpu = best
                print(f"  {n_rows:5d} rows, --jobs {jobs}: {el:6.2f} s, {n_rows / el:6.0f} documents/s, "
                      f"{cpu * 1000 / n_rows:5.2f} ms CPU/document, peak RSS {rss:5.1f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
