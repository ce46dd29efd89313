"""vanban preview --watch: saves of the input (good, broken, good) and of an
image it shows, each seen by the running program.

  test_watch.py VANBAN

1. A first drawing; then the draft saved as an editor saves it (a new file
   renamed over the old) with other text: new pages.
2. Saved broken (written in place): an error in compiler form on stderr,
   the program still running, the pages of step 1 untouched.
3. Saved good again (the original text): new pages, byte for byte those of
   the first drawing.
4. The seal image replaced: new pages.
Then SIGTERM: exit status 0."""
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg, file=sys.stderr)
    return cond


def pages(d):
    return {n: open(os.path.join(d, n), "rb").read() for n in sorted(os.listdir(d)) if n.endswith(".png")
            and not n.startswith(".")}


def save_like_an_editor(path, text):
    tmp = path + ".tmp~"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


class Watcher:
    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.p.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern, timeout=20):
        """The lines up to the first that matches pattern (None on timeout)."""
        seen = []
        end = time.time() + timeout
        while time.time() < end:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            print("  vanban:", line)
            seen.append(line)
            if re.search(pattern, line):
                return seen
        return None


def main():
    vanban = sys.argv[1]
    work = tempfile.mkdtemp(prefix="vb-watch-")
    try:
        src = os.path.join(ROOT, "examples", "dien-tu.xml")
        shutil.copytree(os.path.join(ROOT, "examples", "anh"), os.path.join(work, "anh"))
        draft = os.path.join(work, "du-thao.xml")
        original = open(src, encoding="utf-8").read()
        with open(draft, "w", encoding="utf-8") as f:
            f.write(original)
        out = os.path.join(work, "trang")
        w = Watcher([vanban, "preview", draft, "-o", out, "--watch"])
        drawn = r"du-thao\.xml: 1 page drawn"
        check(w.wait_for(drawn) is not None, "no first drawing")
        check(w.wait_for(r"watching") is not None, "never said it watches")
        first = pages(out)
        check(list(first) == ["du-thao-1.png"], f"first drawing: {list(first)}")

        # 1. good, other text
        changed = original.replace("Lê Thanh Tùng", "Nguyễn Văn Đức")
        check(changed != original, "the example lost the signer's name")
        save_like_an_editor(draft, changed)
        check(w.wait_for(drawn) is not None, "save 1 (good): no new drawing")
        one = pages(out)
        check(one != first, "save 1 (good): the picture did not change")

        # 2. broken, written in place: an unclosed element on a known line
        lines = changed.split("\n")
        at = next(i for i, l in enumerate(lines) if "<trich_yeu>" in l)
        lines[at] = lines[at].replace("</trich_yeu>", "")
        with open(draft, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        seen = w.wait_for(r"last good save")
        check(seen is not None, "save 2 (broken): no message")
        errors = [l for l in seen or [] if re.match(re.escape(draft) + r":[0-9]+:[0-9]+: error: ", l)]
        check(errors, f"save 2 (broken): no error in compiler form: {seen}")
        check(w.p.poll() is None, "save 2 (broken): the program stopped")
        check(pages(out) == one, "save 2 (broken): the pages changed")

        # 3. good again: the first drawing's very bytes
        save_like_an_editor(draft, original)
        check(w.wait_for(drawn) is not None, "save 3 (good): no new drawing")
        check(pages(out) == first, "save 3 (good): not the first drawing's bytes")

        # 4. an image it shows is saved
        seal = os.path.join(work, "anh", "dau.png")
        shutil.copy(os.path.join(work, "anh", "chu-ky.png"), seal + ".new")
        os.replace(seal + ".new", seal)
        check(w.wait_for(drawn) is not None, "image saved: no new drawing")
        check(pages(out) != first, "image saved: the picture did not change")

        w.p.send_signal(signal.SIGTERM)
        try:
            rc = w.p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            w.p.kill()
            rc = None
        check(rc == 0, f"SIGTERM: exit status {rc}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"test_watch: {len(failures)} failed", file=sys.stderr)
        sys.exit(1)
    print("test_watch: ok")


if __name__ == "__main__":
    main()
