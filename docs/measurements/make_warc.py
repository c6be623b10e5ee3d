#!/usr/bin/env python3
"""Writes a CC-NEWS-like WARC.gz for memory and throughput measurements of `tocsin extract`.

Like a CC-NEWS file, it holds one gzip member per record: a `warcinfo` record, then per page a
`request`, a `response` (HTTP/1.1 headers + HTML body) and a `metadata` record; about 2% of the
responses are redirects and 1% are images, which tocsin must skip.

The HTML comes from pages given on the command line (e.g. the evaluation pages under
/work/shared/data/extraction/*/html/*.html.gz), read at generation time; nothing of them is
stored here. Pages are reused round-robin; every copy gets a counter comment and a counter
paragraph inserted, so no two responses are byte-identical.

    python3 docs/measurements/make_warc.py --out /work/big/ccnews-like.warc.gz \
        --min-bytes 1073741824 /work/shared/data/extraction/*/html/*.html.gz
"""

import argparse
import gzip
import os
import sys
import uuid
import zlib
from datetime import datetime, timedelta, timezone


def member(data: bytes, level: int) -> bytes:
    """One gzip member (wbits=31: gzip header and trailer)."""
    c = zlib.compressobj(level, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()


def record(warc_type: str, headers: list, block: bytes) -> bytes:
    head = [b"WARC/1.0", b"WARC-Type: " + warc_type.encode()]
    head += [f"{k}: {v}".encode() for k, v in headers]
    head.append(b"Content-Length: %d" % len(block))
    return b"\r\n".join(head) + b"\r\n\r\n" + block + b"\r\n\r\n"


def rid() -> str:
    return f"<urn:uuid:{uuid.uuid4()}>"


def vary(html: bytes, n: int) -> bytes:
    """Inserts a counter comment after <head> (or at the start) and a counter paragraph
    before </body> (or at the end)."""
    comment = b"<!-- tocsin-gen %d -->" % n
    para = b"<p>Generated copy %d for measurement.</p>" % n
    lower = html[:4096].lower()
    i = lower.find(b"<head>")
    html = html[: i + 6] + comment + html[i + 6 :] if i >= 0 else comment + html
    j = html.lower().rfind(b"</body>")
    return html[:j] + para + html[j:] if j >= 0 else html + para


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--min-bytes", type=int, default=1 << 30, help="stop once the file is this big")
    ap.add_argument("--level", type=int, default=6, help="gzip level of each member")
    ap.add_argument("pages", nargs="+", help="HTML pages (.html or .html.gz)")
    args = ap.parse_args()

    pages = []
    for p in sorted(args.pages):
        data = gzip.open(p).read() if p.endswith(".gz") else open(p, "rb").read()
        if data.strip():
            pages.append(data)
    if not pages:
        print("no pages", file=sys.stderr)
        return 1

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    t0 = datetime(2024, 3, 22, 0, 0, 0, tzinfo=timezone.utc)
    counts = {"response_html": 0, "response_redirect": 0, "response_image": 0, "request": 0, "metadata": 0}
    raw_bytes = 0
    with open(args.out, "wb") as out:
        info = b"software: make_warc.py (tocsin measurements)\r\nformat: WARC File Format 1.0\r\n"
        rec = record("warcinfo", [("WARC-Date", t0.strftime("%Y-%m-%dT%H:%M:%SZ")),
                                  ("WARC-Record-ID", rid()),
                                  ("Content-Type", "application/warc-fields")], info)
        out.write(member(rec, args.level))
        n = 0
        while out.tell() < args.min_bytes:
            date = (t0 + timedelta(seconds=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
            http_date = (t0 + timedelta(seconds=n)).strftime("%a, %d %b %Y %H:%M:%S GMT")
            host = f"news{n % 97}.example"
            uri = f"https://{host}/2024/03/22/story-{n}.html"
            req_id, resp_id = rid(), rid()
            req = (f"GET /2024/03/22/story-{n}.html HTTP/1.1\r\nHost: {host}\r\n"
                   "User-Agent: CCBot/2.0\r\nAccept: text/html\r\n\r\n").encode()
            recs = [record("request", [("WARC-Date", date), ("WARC-Record-ID", req_id),
                                       ("WARC-Target-URI", uri),
                                       ("Content-Type", "application/http; msgtype=request")], req)]
            counts["request"] += 1
            if n % 50 == 7:
                body = b""
                head = (f"HTTP/1.1 301 Moved Permanently\r\nDate: {http_date}\r\n"
                        f"Location: https://{host}/moved/{n}\r\nContent-Length: 0\r\n\r\n").encode()
                counts["response_redirect"] += 1
            elif n % 100 == 13:
                body = b"\xff\xd8\xff\xe0" + os.urandom(2000)
                head = (f"HTTP/1.1 200 OK\r\nDate: {http_date}\r\nContent-Type: image/jpeg\r\n"
                        f"Content-Length: {len(body)}\r\n\r\n").encode()
                counts["response_image"] += 1
            else:
                body = vary(pages[n % len(pages)], n)
                head = (f"HTTP/1.1 200 OK\r\nDate: {http_date}\r\nServer: nginx\r\n"
                        f"Content-Type: text/html\r\nContent-Length: {len(body)}\r\n\r\n").encode()
                counts["response_html"] += 1
            recs.append(record("response", [("WARC-Date", date), ("WARC-Record-ID", resp_id),
                                            ("WARC-Target-URI", uri),
                                            ("WARC-Concurrent-To", req_id),
                                            ("Content-Type", "application/http; msgtype=response")],
                               head + body))
            meta = f"fetchTimeMs: {n % 900 + 100}\r\ncharset-detected: UTF-8\r\n".encode()
            recs.append(record("metadata", [("WARC-Date", date), ("WARC-Record-ID", rid()),
                                            ("WARC-Target-URI", uri), ("WARC-Refers-To", resp_id),
                                            ("Content-Type", "application/warc-fields")], meta))
            counts["metadata"] += 1
            for r in recs:
                raw_bytes += len(r)
                out.write(member(r, args.level))
            n += 1
            if n % 5000 == 0:
                print(f"{n} pages, {out.tell() / 1e9:.2f} GB", file=sys.stderr, flush=True)
        size = out.tell()
    print(f"wrote {args.out}: {size} bytes compressed, {raw_bytes} bytes of records, "
          f"{n} pages, {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
