"""Build examples/warc/news.warc.gz from the HTML pages beside this script (examples/_warc_src/).

Each *.html page here becomes one HTTP "response" record (Content-Type text/html).
The target URI is taken from the page's <link rel="canonical">; the record's
WARC-Date is a fixed crawl time (2025-04-16T08:00:00Z), after every page's
article:published_time. The file also holds one "warcinfo" record and one
"request" record (the GET for the first page, in sorted file-name order).

Record ids are derived from the URLs (uuid5) so that running the script twice
gives the same records.

    pip install warcio
    python examples/make_warc.py
"""

from __future__ import annotations

import re
import sys
import uuid
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

try:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
except ImportError:  # pragma: no cover
    sys.exit("warcio is required: pip install warcio")

HERE = Path(__file__).resolve().parent
SRC = HERE
OUT = HERE.parent / "warc" / "news.warc.gz"
CRAWL_DATE = "2025-04-16T08:00:00Z"
HTTP_DATE = "Wed, 16 Apr 2025 08:00:00 GMT"
NAMESPACE = uuid.UUID("6f1c2a9e-3b0d-4e57-9a51-0c7d2b8e4f10")


def record_id(kind: str, url: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(NAMESPACE, kind + ' ' + url)}>"


def canonical_url(html: str, path: Path) -> str:
    m = re.search(r'<link\s+rel="canonical"\s+href="([^"]+)"', html)
    if not m:
        raise SystemExit(f"{path.name}: no <link rel=\"canonical\"> to use as the target URI")
    return m.group(1)


def main() -> None:
    pages = sorted(SRC.glob("*.html"))
    if not pages:
        raise SystemExit(f"no HTML files in {SRC}")
    with OUT.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        info = {
            "software": "storyline examples/make_warc.py (warcio)",
            "format": "WARC File Format 1.0",
            "description": "storyline demo corpus: two news pages captured from amselpost.example",
            "isPartOf": "storyline-examples",
            "robots": "classic",
        }
        rec = writer.create_warcinfo_record(OUT.name, info)
        rec.rec_headers.replace_header("WARC-Date", CRAWL_DATE)
        rec.rec_headers.replace_header("WARC-Record-ID", record_id("warcinfo", OUT.name))
        writer.write_record(rec)
        warcinfo_id = rec.rec_headers.get_header("WARC-Record-ID")

        for i, path in enumerate(pages):
            html = path.read_text(encoding="utf-8")
            body = html.encode("utf-8")
            url = canonical_url(html, path)
            parts = urlsplit(url)

            if i == 0:
                req_headers = StatusAndHeaders(
                    f"GET {parts.path} HTTP/1.1",
                    [
                        ("Host", parts.netloc),
                        ("User-Agent", "storyline-example-crawler/0.1"),
                        ("Accept", "text/html,application/xhtml+xml"),
                        ("Accept-Language", "en"),
                    ],
                    is_http_request=True,
                )
                req = writer.create_warc_record(
                    url, "request", payload=BytesIO(b""), http_headers=req_headers,
                    warc_headers_dict={
                        "WARC-Date": CRAWL_DATE,
                        "WARC-Record-ID": record_id("request", url),
                        "WARC-Warcinfo-ID": warcinfo_id,
                    },
                )
                writer.write_record(req)

            http_headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Date", HTTP_DATE),
                    ("Server", "nginx"),
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("Cache-Control", "max-age=60"),
                ],
                protocol="HTTP/1.1",
            )
            resp = writer.create_warc_record(
                url, "response", payload=BytesIO(body), length=len(body),
                http_headers=http_headers,
                warc_headers_dict={
                    "WARC-Date": CRAWL_DATE,
                    "WARC-Record-ID": record_id("response", url),
                    "WARC-Warcinfo-ID": warcinfo_id,
                },
            )
            if i == 0:
                resp.rec_headers.add_header("WARC-Concurrent-To", record_id("request", url))
            writer.write_record(resp)
    print(f"wrote {OUT} ({len(pages)} pages)")


if __name__ == "__main__":
    main()
