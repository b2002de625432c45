"""Readers: every input kind, detection from content, and bad input reported per file."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from conftest import WIRE
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest import list_inputs, read_input
from storyline.ingest.detect import detect_kind
from storyline.model import Article, ReadError

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Velm strike ends | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<meta property="og:title" content="Velm dock strike ends after nine days">
<meta property="article:published_time" content="2025-03-10T07:30:00+00:00"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="cookie">We use cookies. Accept all?</div>
<article><h1>Velm dock strike ends after nine days</h1>
<p>Dock workers at the port of Velm ended a nine-day strike on Sunday after the harbour authority agreed to a pay \
rise, the union said.</p>
<p>The deal was reached late on Saturday, union leader Ada Okafor told reporters outside the union hall in the old \
town.</p>
<p>Shipping lines had diverted 40 vessels to other ports during the stoppage, according to the harbour authority.</p>
</article><aside>Related: Ferry fares to rise</aside><footer>© 2025 Harbour Times</footer></body></html>"""

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Coastal Courier</title><link>https://courier.example/</link><description>News</description>
<item><title>Velm port reopens</title><link>https://courier.example/velm-reopens</link><guid>courier-1</guid>
<pubDate>Mon, 10 Mar 2025 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Ships began returning to the port of Velm on Monday.</p><p>The first vessel docked at \
dawn, officials said.</p>]]></content:encoded></item>
<item><title>Ferry fares rise</title><link>https://courier.example/fares</link>
<description>Ferry fares on the Velm crossing will rise by 4% in April, the operator said.</description></item>
</channel></rss>"""


def _read(path: Path) -> list[Article | ReadError]:
    files, errors = list_inputs([path])
    out: list[Article | ReadError] = list(errors)
    for f in files:
        out.extend(read_input(f))
    return out


def _articles(items):
    return [x for x in items if isinstance(x, Article)]


def _errors(items):
    return [x for x in items if isinstance(x, ReadError)]


def test_text_file(tmp_path):
    p = tmp_path / "wire.txt"
    p.write_text(WIRE, encoding="utf-8")
    [a] = _read(p)
    assert a.id == "wire" and a.text.startswith("(Meridian News) --") and a.path == str(p)


def test_folder_ids_are_relative_paths(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("First text about a port strike in Velm.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Second text about a ferry in Velm.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Not read at all.", encoding="utf-8")
    assert sorted(a.id for a in _articles(_read(tmp_path))) == ["a/one", "two"]


def test_jsonl_reader_keeps_fields_and_unknown_keys(tmp_path):
    p = tmp_path / "a.jsonl"
    rows = [
        {
            "id": "j1",
            "text": "A ferry ran aground off Velm.",
            "title": "Ferry aground",
            "published": "2025-03-01",
            "source": "Coastal Courier",
            "url": "https://courier.example/j1",
            "language": "en",
            "topic": "shipping",
        },
        {"id": 7, "text": "Integer ids are read as strings."},
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    a, b = _read(p)
    assert (a.id, a.title, a.published, a.source, a.url, a.language) == (
        "j1",
        "Ferry aground",
        "2025-03-01",
        "Coastal Courier",
        "https://courier.example/j1",
        "en",
    )
    assert a.extra == {"topic": "shipping"} and b.id == "7"


def test_jsonl_bad_lines_named_and_rest_read(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text(
        '{"id": "ok1", "text": "Fine."}\n{"id": "broken", "text": \n'
        '{"text": "no id"}\n{"id": "x"}\n[1, 2]\n{"id": "ok2", "text": "Also fine."}\n',
        encoding="utf-8",
    )
    items = _read(p)
    assert [a.id for a in _articles(items)] == ["ok1", "ok2"]
    errs = {e.line: e.message for e in _errors(items)}
    assert set(errs) == {2, 3, 4, 5}
    assert "not valid JSON" in errs[2] and "'id'" in errs[3] and "'text'" in errs[4] and "JSON object" in errs[5]
    assert all(e.path == str(p) for e in _errors(items))


def test_html_reader(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(PAGE, encoding="utf-8")
    [a] = _read(p)
    assert a.title == "Velm dock strike ends after nine days"
    assert a.source == "Harbour Times" and a.published == "2025-03-10"
    assert "union leader Ada Okafor" in a.text and "cookies" not in a.text and "Home" not in a.text


def test_feed_reader(tmp_path):
    p = tmp_path / "courier.xml"
    p.write_text(FEED, encoding="utf-8")
    a, b = _read(p)
    assert a.id == "courier-1" and a.source == "Coastal Courier" and a.url == "https://courier.example/velm-reopens"
    assert a.published.startswith("2025-03-10") and a.text.split("\n\n") == [
        "Ships began returning to the port of Velm on Monday.",
        "The first vessel docked at dawn, officials said.",
    ]
    assert b.id == "https://courier.example/fares" and "4%" in b.text


def _warc(path: Path, pages: list[tuple[str, str]], broken_tail: bool = False) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "storyline tests"}))
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
            )
        if broken_tail:
            fh.write(b"\x1f\x8b\x08\x00garbage that is not a gzip member")


def test_warc_reader(tmp_path):
    p = tmp_path / "crawl.warc.gz"
    _warc(p, [("https://harbour.example/velm", PAGE)])
    [a] = _read(p)
    assert a.id == "https://harbour.example/velm" and a.url == a.id and a.source == "Harbour Times"


def test_broken_warc_keeps_records_before_the_break(tmp_path):
    p = tmp_path / "broken.warc.gz"
    _warc(p, [("https://harbour.example/velm", PAGE)], broken_tail=True)
    items = _read(p)
    assert [a.id for a in _articles(items)] == ["https://harbour.example/velm"]
    [err] = _errors(items)
    assert err.path == str(p) and "broken WARC record" in err.message


def test_kind_detected_from_content_not_name(tmp_path):
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "feed.dat").write_text(FEED, encoding="utf-8")
    (tmp_path / "rows.data").write_text('{"id": "r1", "text": "A row."}\n', encoding="utf-8")
    items = _articles(_read(tmp_path))
    by_id = {a.id: a for a in items}
    assert by_id["page"].source == "Harbour Times"
    assert "courier-1" in by_id and "r1" in by_id
    assert detect_kind(b"WARC/1.1\r\n", "x.bin") == "warc"


def test_jsonl_whose_first_line_is_longer_than_the_sniffed_head(tmp_path):
    long_row = {
        "id": "long",
        "title": "Council budget",
        "text": "The council approved the harbour budget on Monday. " * 200,
    }
    (tmp_path / "rows.data").write_text(
        json.dumps(long_row) + "\n" + '{"id": "short", "text": "A ferry resumed service."}\n', encoding="utf-8"
    )
    assert sorted(a.id for a in _articles(_read(tmp_path))) == ["long", "short"]
    assert detect_kind(b'{"id": "x", "text": "' + b"a" * 5000, "rows.data") == "jsonl"
    assert detect_kind(b"{curly} " + b"a" * 5000, "notes.data") == "text"


def test_gzip_compressed_jsonl_and_text(tmp_path):
    (tmp_path / "rows.jsonl.gz").write_bytes(gzip.compress(b'{"id": "g1", "text": "Compressed row."}\n'))
    (tmp_path / "note.txt.gz").write_bytes(gzip.compress("Compressed plain text about Velm.".encode()))
    assert sorted(a.id for a in _articles(_read(tmp_path))) == ["g1", "note"]


def test_encodings_latin1_and_utf16(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Le maire de Velm a déclaré que la grève était terminée.".encode("latin-1"))
    (tmp_path / "wide.txt").write_bytes("Der Bürgermeister sagte, der Streik sei vorbei.".encode("utf-16"))
    by_id = {a.id: a for a in _articles(_read(tmp_path))}
    assert "déclaré que la grève était" in by_id["latin"].text
    assert "Bürgermeister" in by_id["wide"].text


def test_bad_files_each_named_with_the_problem(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (tmp_path / "broken.html").write_text("<html><head><title>Cut", encoding="utf-8")
    (tmp_path / "feed.xml").write_text("<rss><channel><title>Half a feed", encoding="utf-8")
    (tmp_path / "good.txt").write_text("The ferry to Velm sailed on time.", encoding="utf-8")
    items = _read(tmp_path)
    assert [a.id for a in _articles(items)] == ["good"]
    errs = {Path(e.path).name: e.message for e in _errors(items)}
    assert errs["empty.txt"] == "empty file"
    assert "whitespace" in errs["blank.txt"]
    assert "binary" in errs["image.txt"]
    assert "no article text" in errs["broken.html"]
    assert "broken feed" in errs["feed.xml"] or "not well-formed" in errs["feed.xml"]


def test_missing_path_is_an_error(tmp_path):
    [err] = _read(tmp_path / "nope")
    assert "no such file" in err.message


def test_huge_text_file_refused_without_reading_it(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        line = b"The port of Velm reopened on Monday after a long strike by dock workers.\n"
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    [err] = _read(p)
    assert err.path == str(p) and "50.0 MB" in err.message and "limit" in err.message


def test_zstd_compressed_jsonl_text_and_warc(tmp_path):
    import zstandard

    z = zstandard.ZstdCompressor()
    (tmp_path / "rows.jsonl.zst").write_bytes(z.compress(b'{"id": "z1", "text": "Zstandard row about Velm."}\n'))
    (tmp_path / "note.txt.zst").write_bytes(z.compress("Zstandard plain text about the ferry.".encode()))
    _warc(tmp_path / "crawl.warc", [("https://harbour.example/z", PAGE)])
    raw = (tmp_path / "crawl.warc").read_bytes()
    import gzip as _gzip

    (tmp_path / "crawl.warc").unlink()
    (tmp_path / "crawl.warc.zst").write_bytes(z.compress(_gzip.decompress(raw)))
    assert sorted(a.id for a in _articles(_read(tmp_path))) == ["https://harbour.example/z", "note", "z1"]
