"""vanban serve over plain HTTP: what is served, what is refused, and the
server under load.

  test_serve.py VANBAN

- The address: printed alone on one line of stdout, 127.0.0.1, a token of
  32 hex digits; the socket listens on 127.0.0.1 only.
- Refused: no token or a wrong one (403), a Host that is not this server
  (403, DNS rebinding), no Host (400), other methods (405), paths leading
  out of DIR in every spelling (raw ../, percent-encoded, absolute, a
  symbolic link leading out), names that are not drafts (400/404). Nothing
  outside DIR comes back in any answer.
- Malformed requests (garbage, a broken request line, huge headers) get a
  4xx answer and the server goes on.
- Load: ab, 2,000 requests for a picture with 200 at a time, every one
  answered 200 with the same length; the resident memory after a second
  round is within 10% of what it was after the first.
- A port already taken: a clear error, exit status 3."""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []
SECRET = b"root:x:0:0"  # a line of /etc/passwd: must never come back


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg, file=sys.stderr)
    return cond


def raw(port, data, timeout=10):
    """Sends bytes as they are; returns (status, whole answer)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    # The server may answer and close before a huge request is all sent:
    # then sending fails, and the answer is still there to read.
    try:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    chunks = []
    try:
        while True:
            c = s.recv(65536)
            if not c:
                break
            chunks.append(c)
    except (socket.timeout, ConnectionResetError):
        pass
    s.close()
    resp = b"".join(chunks)
    m = re.match(rb"HTTP/1\.[01] ([0-9]{3})", resp)
    return (int(m.group(1)) if m else None), resp


def get(port, target, host=None, method="GET"):
    host = host if host is not None else f"127.0.0.1:{port}"
    head = f"{method} {target} HTTP/1.1\r\n" + (f"Host: {host}\r\n" if host else "") + "Connection: close\r\n\r\n"
    return raw(port, head.encode("utf-8", "surrogateescape"))


def body(resp):
    return resp.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in resp else b""


def start(vanban, d, *extra):
    p = subprocess.Popen([vanban, "serve", d, *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = p.stdout.readline().rstrip("\n")
    return p, line


def stop(p):
    p.send_signal(signal.SIGTERM)
    try:
        return p.wait(timeout=15)
    except subprocess.TimeoutExpired:
        p.kill()
        return None


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def ab(url, n, c):
    r = subprocess.run(["ab", "-q", "-n", str(n), "-c", str(c), "-s", "60", url], capture_output=True, text=True)
    out = r.stdout
    num = lambda key: int(re.search(key + r":\s+([0-9]+)", out).group(1)) if re.search(key + r":\s+([0-9]+)", out) else -1
    return r.returncode, out, {
        "complete": num("Complete requests"),
        "failed": num("Failed requests"),
        "non2xx": num("Non-2xx responses") if "Non-2xx" in out else 0,
    }


def main():
    vanban = sys.argv[1]
    work = tempfile.mkdtemp(prefix="vb-serve-")
    d = os.path.join(work, "nhap")
    os.mkdir(d)
    shutil.copy(os.path.join(ROOT, "examples", "bao-cao-lap-vo.xml"), os.path.join(d, "bao-cao.xml"))
    shutil.copy(os.path.join(ROOT, "examples", "to-trinh.xml"), os.path.join(d, "tờ trình.xml"))
    with open(os.path.join(work, "secret.xml"), "w") as f:
        f.write("<secret>root:x:0:0</secret>\n")
    os.symlink("/etc/passwd", os.path.join(d, "passwd.xml"))
    os.symlink(os.path.join(work, "secret.xml"), os.path.join(d, "ngoai.xml"))
    p = None
    try:
        p, line = start(vanban, d, "--port", "0")
        m = re.fullmatch(r"http://127\.0\.0\.1:([0-9]+)/\?token=([0-9a-f]{32})", line)
        if not check(m, f"the address line: {line!r}"):
            p.kill()
            print("vanban serve said:", p.stderr.read(), file=sys.stderr)
            p = None
            return
        port, token = int(m.group(1)), m.group(2)
        print("address:", line)
        q = lambda path, **kw: path + "?" + urllib.parse.urlencode(dict(kw, token=token))

        # listening on the loopback address only
        ss = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout
        check(ss.strip() and all("127.0.0.1:" in l for l in ss.strip().splitlines()), f"listening: {ss!r}")

        st, resp = get(port, q("/"))
        check(st == 200 and "Bản nháp".encode() in resp, f"the page: {st}")
        st, resp = get(port, q("/api/drafts"))
        names = [x["name"] for x in json.loads(body(resp))["drafts"]] if st == 200 else []
        check(names == ["bao-cao.xml", "tờ trình.xml"], f"the list: {st} {names}")
        st, resp = get(port, q("/api/draft", name="bao-cao.xml"))
        info = json.loads(body(resp)) if st == 200 else {}
        check(info.get("ok") is True and info.get("pages") == 3, f"the draft: {st} {info}")
        st, resp = get(port, q("/page", name="bao-cao.xml", n=1))
        check(st == 200 and body(resp).startswith(b"\x89PNG") and b"image/png" in resp, f"a picture: {st}")
        # the served pictures are `vanban preview --draft`'s, byte for byte
        # (serve marks its folder's drafts unless --no-draft)
        pv = os.path.join(work, "pv")
        r = subprocess.run([vanban, "preview", os.path.join(d, "bao-cao.xml"), "-o", pv, "--draft"], capture_output=True)
        check(r.returncode == 0, f"preview --draft: {r.stderr.decode()}")
        for n in (1, 2, 3):
            st, resp = get(port, q("/page", name="bao-cao.xml", n=n))
            want = open(os.path.join(pv, f"bao-cao-{n}.png"), "rb").read()
            check(st == 200 and body(resp) == want, f"page {n}: not the bytes of preview --draft")
        st, resp = get(port, q("/api/draft", name="tờ trình.xml"))
        check(st == 200, f"a draft with a Vietnamese name: {st}")

        # refusals, in the order the router decides them
        cases = [
            ("no token", "/api/drafts", None, "GET", 403),
            ("wrong token", "/api/drafts?token=" + "0" * 32, None, "GET", 403),
            ("token prefix", "/api/drafts?token=" + token[:31], None, "GET", 403),
            ("rebinding Host", q("/api/drafts"), f"evil.example:{port}", "GET", 403),
            ("Host without port", q("/api/drafts"), "127.0.0.1", "GET", 403),
            ("Host other port", q("/api/drafts"), f"127.0.0.1:{port + 1}", "GET", 403),
            ("no Host", q("/api/drafts"), "", "GET", 400),
            ("POST", q("/api/drafts"), None, "POST", 405),
            ("PUT", q("/page", name="bao-cao.xml", n=1), None, "PUT", 405),
            ("raw ../", "/../../etc/passwd?token=" + token, None, "GET", 404),
            ("encoded ../", "/%2e%2e/%2e%2e/etc/passwd?token=" + token, None, "GET", 404),
            ("absolute", "//etc/passwd?token=" + token, None, "GET", 404),
            ("name ../", q("/api/draft", name="../secret.xml"), None, "GET", 400),
            ("name encoded", "/api/draft?name=..%2Fsecret.xml&token=" + token, None, "GET", 400),
            ("name double-encoded", "/api/draft?name=..%252Fsecret.xml&token=" + token, None, "GET", 400),
            ("name absolute", q("/page", name="/etc/passwd.xml", n=1), None, "GET", 400),
            ("name backslash", q("/page", name="..\\secret.xml", n=1), None, "GET", 400),
            ("name not xml", q("/page", name="passwd", n=1), None, "GET", 400),
            ("name hidden", q("/page", name=".bao-cao.xml", n=1), None, "GET", 400),
            ("symlink to /etc/passwd", q("/api/draft", name="passwd.xml"), None, "GET", 404),
            ("symlink out of DIR", q("/api/draft", name="ngoai.xml"), None, "GET", 404),
            ("symlink out, picture", q("/page", name="ngoai.xml", n=1), None, "GET", 404),
            ("missing draft", q("/api/draft", name="khong-co.xml"), None, "GET", 404),
            ("page 0", q("/page", name="bao-cao.xml", n=0), None, "GET", 400),
            ("page 99", q("/page", name="bao-cao.xml", n=99), None, "GET", 404),
            ("page -1", q("/page", name="bao-cao.xml", n=-1), None, "GET", 400),
            ("page huge", q("/page", name="bao-cao.xml", n="99999999999999999999"), None, "GET", 400),
            ("unknown path", q("/etc/passwd"), None, "GET", 404),
        ]
        for what, target, host, method, want in cases:
            st, resp = get(port, target, host, method)
            check(st == want, f"{what}: {target} answered {st}, not {want}")
            check(SECRET not in resp, f"{what}: the secret came back")
        # the list never shows links leading out
        st, resp = get(port, q("/api/drafts"))
        check(b"passwd" not in resp and b"ngoai" not in resp, "the list shows links leading out")

        # malformed HTTP/1.x requests: a 4xx, never a crash
        h = b"Host: 127.0.0.1:%d\r\n" % port
        tok = token.encode()
        for what, data in [
            ("no Host, HTTP/1.1", b"GET / HTTP/1.1\r\n\r\n"),
            ("header without colon", b"GET /?token=" + tok + b" HTTP/1.1\r\n" + h + b"NoColonHere\r\n\r\n"),
            ("huge header", b"GET / HTTP/1.1\r\n" + h + b"X: " + b"a" * 200000 + b"\r\n\r\n"),
            ("huge target", b"GET /" + b"a" * 100000 + b" HTTP/1.1\r\n" + h + b"\r\n"),
            ("bad escape", b"GET /api/draft?name=%zz%&token=" + tok + b" HTTP/1.1\r\n" + h + b"\r\n"),
            ("NUL in target", b"GET /api/draft?name=a%00.xml&token=" + tok + b" HTTP/1.1\r\n" + h + b"\r\n"),
            ("space in method", b"G E T / HTTP/1.1\r\n" + h + b"\r\n"),
            ("bad Content-Length", b"POST / HTTP/1.1\r\n" + h + b"Content-Length: -5\r\n\r\n"),
            ("bad chunks", b"POST / HTTP/1.1\r\n" + h + b"Transfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n"),
            ("two Hosts", b"GET /?token=" + tok + b" HTTP/1.1\r\n" + h + b"Host: evil.example\r\n\r\n"),
        ]:
            st, resp = raw(port, data)
            check(st is not None and 400 <= st < 500, f"{what}: answered {st}")
            check(SECRET not in resp, f"{what}: the secret came back")
        # an HTTP version it does not speak: 505; no HTTP at all (no version
        # on the request line): libmicrohttpd closes without a word
        st, resp = raw(port, b"GET / HTTP/9.9\r\n" + h + b"\r\n")
        check(st == 505, f"HTTP/9.9: answered {st}")
        for what, data in [("garbage", b"\x00\x01\x02garbage\r\n\r\n"), ("HTTP/0.9", b"GET /\r\n\r\n")]:
            st, resp = raw(port, data)
            check((st is None and resp == b"") or (st and 400 <= st < 500), f"{what}: answered {resp[:40]!r}")
        check(p.poll() is None, "the server stopped after malformed requests")

        # load: a picture, 200 at a time
        pic = f"http://127.0.0.1:{port}" + q("/page", name="bao-cao.xml", n=1)
        rc, out, r1 = ab(pic, 2000, 200)
        check(rc == 0 and r1["complete"] == 2000 and r1["failed"] == 0 and r1["non2xx"] == 0, f"ab round 1: {r1}\n{out}")
        rss1 = rss_kb(p.pid)
        rc, out, r2 = ab(pic, 2000, 200)
        check(rc == 0 and r2["complete"] == 2000 and r2["failed"] == 0 and r2["non2xx"] == 0, f"ab round 2: {r2}")
        rss2 = rss_kb(p.pid)
        rps = re.search(r"Requests per second:\s+([0-9.]+)", out)
        print(f"ab: 2 x 2000 picture requests, 200 at a time: all answered; "
              f"{rps.group(1) if rps else '?'} requests/s; RSS {rss1} KB then {rss2} KB")
        check(rss2 <= rss1 * 1.10 + 2048, f"memory grew under load: {rss1} KB -> {rss2} KB")
        # ... and refused requests under load are refused, all of them
        rc, out, r3 = ab(f"http://127.0.0.1:{port}/page?name=bao-cao.xml&n=1&token=bad", 400, 100)
        check(r3["complete"] == 400 and r3["non2xx"] == 400, f"ab without the token: {r3}")

        # a port already taken
        p2, line2 = start(vanban, d, "--port", str(port))
        rc2 = p2.wait(timeout=15)
        err2 = p2.stderr.read()
        check(rc2 == 3 and "taken" in err2 and str(port) in err2, f"taken port: exit {rc2}: {err2!r}")
        check(line2 == "", f"taken port printed an address: {line2!r}")
        # ... and in Vietnamese under a Vietnamese locale
        env = dict(os.environ, LC_ALL="vi_VN.UTF-8")
        r = subprocess.run([vanban, "serve", d, "--port", str(port)], capture_output=True, text=True, env=env,
                           timeout=15)
        check(r.returncode == 3 and "cổng" in r.stderr, f"taken port in Vietnamese: {r.stderr!r}")

        rc = stop(p)
        check(rc == 0, f"SIGTERM: exit status {rc}")
        p = None
    finally:
        if p:
            p.kill()
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"test_serve: {len(failures)} failed", file=sys.stderr)
        sys.exit(1)
    print("test_serve: ok")


if __name__ == "__main__":
    main()
