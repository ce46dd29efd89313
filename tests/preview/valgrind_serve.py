"""vanban serve under valgrind memcheck: the page, a draft drawn, a picture,
an event stream that sees a save, the draft drawn again, the list; then
SIGTERM. No invalid access, no definite or indirect leak (exit 99
otherwise), and every answer 200.

  valgrind_serve.py VALGRIND VANBAN"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    valgrind, vanban = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="vb-vgserve-")
    ok = True
    try:
        d = os.path.join(work, "nhap")
        os.mkdir(d)
        shutil.copy(os.path.join(ROOT, "examples", "dien-tu.xml"), d)
        shutil.copytree(os.path.join(ROOT, "examples", "anh"), os.path.join(d, "anh"))
        p = subprocess.Popen([valgrind, "-q", "--error-exitcode=99", "--leak-check=full",
                              "--errors-for-leak-kinds=definite,indirect", "--show-leak-kinds=definite,indirect",
                              vanban, "serve", d, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
        line = p.stdout.readline().strip()
        m = re.fullmatch(r"http://127\.0\.0\.1:([0-9]+)/\?token=([0-9a-f]{32})", line)
        if not m:
            print("no address:", line, p.stderr.read(), file=sys.stderr)
            p.kill()
            sys.exit(1)
        base, token = f"http://127.0.0.1:{m.group(1)}", m.group(2)

        def get(path):
            with urllib.request.urlopen(f"{base}{path}{'&' if '?' in path else '?'}token={token}", timeout=60) as r:
                return r.status, r.read()

        events = []

        def listen():
            try:
                with urllib.request.urlopen(f"{base}/events?token={token}", timeout=60) as r:
                    for raw in r:
                        events.append(raw.decode())
                        if raw.startswith(b"event: change"):
                            return
            except Exception as e:  # the server going away ends the stream
                events.append(f"ended: {e}")

        for path in ["/", "/api/draft?name=dien-tu.xml", "/page?name=dien-tu.xml&n=1", "/api/drafts"]:
            st, _ = get(path)
            ok &= st == 200
        t = threading.Thread(target=listen, daemon=True)
        t.start()
        time.sleep(2)
        # a save: the file written again (an editor's save, not a touch)
        path = os.path.join(d, "dien-tu.xml")
        text = open(path, encoding="utf-8").read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace("Lê Thanh Tùng", "Nguyễn Văn Đức"))
        t.join(timeout=60)
        changed = any(e.startswith("event: change") for e in events)
        if not changed:
            print("no change event after the save:", events, file=sys.stderr)
        ok &= changed
        st, _ = get("/api/draft?name=dien-tu.xml")
        ok &= st == 200
        p.send_signal(signal.SIGTERM)
        rc = p.wait(timeout=120)
        err = p.stderr.read()
        print(err, file=sys.stderr)
        print(f"valgrind_serve: exit {rc}, {'all answered 200 and the save seen' if ok else 'FAILED (an answer or the save)'}, events {len(events)}")
        ok &= rc == 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
