"""Seeded hostile inputs of every kind, for the fuzz test and benchmarks/bench_fuzz.py.

Each case is one file: a name, its bytes, the ids of the good articles it holds that must be
stored, and whether anything in it must be reported. Good articles are written for these tests.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import zlib
from dataclasses import dataclass, field

import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FULL_SIZE = True
"""False in the test suite: the largest texts (200,000-character words, 20,000 lines) are left to the benchmark."""


def _size(big: list[int], small: list[int]) -> list[int]:
    return big if FULL_SIZE else small


PLACES = ["Velm", "Orra", "Tessin Bay", "Marrow Point", "Kell", "Asterby"]
THINGS = ["ferry plan", "school budget", "harbour wall", "tram line", "water tariff", "bridge repair"]


@dataclass
class Case:
    """One hostile file: what it is called, its bytes, good ids it must yield, and whether it must report a problem."""

    name: str
    data: bytes
    good: list[str] = field(default_factory=list)
    must_report: bool = False
    kind: str = ""


def article_text(rng: random.Random, n: int) -> str:
    """A short invented news text, different for each ``n``."""
    place, thing = rng.choice(PLACES), rng.choice(THINGS)
    return (
        f"The council of {place} approved the {thing} number {n} on Monday after a long debate. "
        f"Officials said work would begin in {rng.choice(['spring', 'autumn', 'May', 'June'])} and cost "
        f"{rng.randint(2, 90)} million crowns.\n\nResidents said they welcomed the {thing}, though some "
        f"questioned its cost, the local paper reported."
    )


def good_obj(rng: random.Random, aid: str) -> dict:
    return {
        "id": aid,
        "title": f"Council backs plan {aid}",
        "text": article_text(rng, len(aid) * 7 + rng.randint(0, 999)),
        "published": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "source": rng.choice(["Courier", "Harbour Times"]),
    }


def _hostile_line(rng: random.Random, aid: str) -> tuple[bytes, str]:
    """A hostile JSONL line and what must happen: "reject" (reported with its line), "keep" (stored) or "either"."""
    text = article_text(rng, rng.randint(0, 10_000))
    choice = rng.randrange(26)
    if choice == 0:
        return b"{not json at all", "reject"
    if choice == 1:
        return json.dumps({"id": aid, "text": text}).encode()[: rng.randint(1, 40)], "reject"
    if choice == 2:
        depth = rng.choice([50, 900, 5000, 100_000])
        return b'{"id": "' + aid.encode() + b'", "text": ' + b"[" * depth + b"]" * depth + b"}", "reject"
    if choice == 3:
        return json.dumps({"id": aid, "text": "Said \ud800 " + text}).encode(), "keep"
    if choice == 4:
        return b'{"id": "' + aid.encode() + b'", "text": "' + text.encode() + b'", "published": NaN}', "reject"
    if choice == 5:
        return json.dumps({"id": rng.choice([True, False, 1.5, [1], {"a": 1}]), "text": text}).encode(), "reject"
    if choice == 6:
        return json.dumps({"id": aid, "text": rng.choice([5, [text], {"t": text}, True])}).encode(), "reject"
    if choice == 7:
        field_name = rng.choice(["title", "source", "url", "language", "published"])
        return json.dumps(
            {"id": aid, "text": text, field_name: rng.choice([{"x": 1}, [1, 2], 7, True])}
        ).encode(), "keep"
    if choice == 8:
        return json.dumps(
            {
                "id": aid,
                "text": text,
                "published": rng.choice(["0001-01-01", "9999-12-31", "-0044-03-15", "+12345-01-01"]),
            }
        ).encode(), "keep"
    if choice == 9:
        return json.dumps(
            {"id": aid, "text": text, "published": rng.choice(["yesterday", "2024-13-45", "", "NaN", "0"])}
        ).encode(), "keep"
    if choice == 10:
        return json.dumps({"text": text}).encode(), "reject"
    if choice == 11:
        return json.dumps({"id": aid, "text": rng.choice(["   ", "\n\n\t", "\u00a0\u2009"])}).encode(), "reject"
    if choice == 12:
        return json.dumps({"id": aid, "text": text}).encode().replace(b"council", b"c\xffo\xfeuncil"), "reject"
    if choice == 13:
        return json.dumps({"id": aid, "text": text.replace(" ", "\x00", 3) + "\x01\x02\x1b[31m"}).encode(), "keep"
    if choice == 14:
        return json.dumps(
            {
                "id": aid,
                "text": "Word "
                + rng.choice("ABQZ") * rng.choice(_size([800, 5000, 60_000], [800, 5000]))
                + " two three",
            }
        ).encode(), "keep"
    if choice == 15:
        return json.dumps(
            {
                "id": aid,
                "text": "\n".join(
                    rng.choice(["and the", "Short line.", "A B", "2024"]) + f" {i}"
                    for i in range(rng.choice(_size([100, 3000], [100, 400])))
                ),
            }
        ).encode(), "keep"
    if choice == 16:
        return json.dumps([{"id": aid, "text": text}]).encode(), "reject"
    if choice == 17:
        return json.dumps(
            {"id": aid, "text": text, "extra": {"k\ud800": ["\udfff"] * 3, "n": [[[[1]]]]}}
        ).encode(), "keep"
    if choice == 18:
        return json.dumps({"id": aid, "text": text.replace("\n\n", "\r\n\r\n") + "\u2028\u2029\ufeff"}).encode(), "keep"
    if choice == 19:
        return json.dumps({"id": " " + aid + "\t", "text": text}).encode(), "keep"
    if choice == 20:
        return b"\xef\xbb\xbf" + json.dumps({"id": aid, "text": text}).encode(), "either"
    if choice == 21:
        return json.dumps(
            {"id": aid, "text": "(" * _size([3000], [500])[0] + "said" + "\"" * _size([3000], [500])[0] + text}
        ).encode(), "keep"
    if choice == 22:
        return json.dumps(
            {
                "id": aid,
                "text": "By "
                + " ".join(["Anna"] * 400)
                + "\n"
                + "Read more: "
                + "x " * _size([2000], [300])[0]
                + "\n"
                + text,
            }
        ).encode(), "keep"
    if choice == 23:
        return json.dumps(
            {"id": aid, "text": ("FILE PHOTO: " + "A " * 300 + "\nPHOTO: REUTERS\n") * 20 + text}
        ).encode(), "keep"
    if choice == 24:
        return json.dumps(
            {"id": aid, "text": text + (" last Tuesday next year the following century" * _size([200], [40])[0])}
        ).encode(), "keep"
    return json.dumps(
        {
            "id": aid,
            "text": " ".join(
                rng.choice(["©", "Sign up", "›", "|", "http://x.example/" + "a" * 500, "1" * 400]) for _ in range(300)
            ),
        }
    ).encode(), "either"


def jsonl_case(rng: random.Random, n: int) -> Case:
    """A JSONL file of good lines with hostile lines between them."""
    lines, good = [], []
    must = False
    for j in range(rng.randint(1, 8)):
        aid = f"c{n}-{j}"
        if rng.random() < 0.5:
            lines.append(json.dumps(good_obj(rng, aid)).encode())
            good.append(aid)
        else:
            line, what = _hostile_line(rng, aid)
            lines.append(line)
            must |= what == "reject"
            if (
                what == "keep"
                and b'"id": "' + aid.encode() in line
                and b'"' + aid.encode() + b'", "text": ""' not in line
            ):
                good.append(aid)
    sep = rng.choice([b"\n", b"\r\n"])
    return Case(f"case{n}.jsonl", sep.join(lines) + sep, good, must, "jsonl")


def compress(rng: random.Random, case: Case) -> Case:
    """The case gzip- or zstd-compressed, sometimes truncated, bit-flipped or with junk after it."""
    fmt = rng.choice(["gz", "zst"])
    data = gzip.compress(case.data) if fmt == "gz" else zstandard.ZstdCompressor().compress(case.data)
    damage = rng.choice(["none", "none", "truncate", "flip", "junk"])
    good, must = case.good, case.must_report
    if damage == "truncate":
        data, good, must = data[: rng.randint(0, max(0, len(data) - 1))], [], True
    elif damage == "flip":
        b = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        data, good, must = bytes(b), [], False
    elif damage == "junk":
        data, good, must = data + rng.randbytes(rng.randint(1, 50)), [], True
    return Case(
        f"{case.name}.{fmt}", data, good, must, case.kind + "." + fmt + ("" if damage == "none" else "-" + damage)
    )


def text_case(rng: random.Random, n: int) -> Case:
    """A plain-text article, sometimes hostile (long words, many lines, controls, bad bytes, binary, empty)."""
    text = f"Council backs plan {n}\n\n" + article_text(rng, n)
    kind = rng.randrange(9)
    if kind == 0:
        return Case(f"case{n}.txt", text.encode(), [f"case{n}"], False, "text")
    if kind == 1:
        return Case(
            f"case{n}.txt",
            ("Word " + "K" * rng.choice(_size([800, 20_000, 200_000], [800, 20_000])) + " two three\n" + text).encode(),
            [f"case{n}"],
            False,
            "text-longword",
        )
    if kind == 2:
        return Case(
            f"case{n}.txt",
            "\n".join(f"and the line {i} of" for i in range(rng.choice(_size([1000, 20_000], [300, 1000])))).encode(),
            [f"case{n}"],
            False,
            "text-lines",
        )
    if kind == 3:
        return Case(
            f"case{n}.txt", rng.choice([b"", b"   \n\t\n", b"Just a headline here today\n"]), [], True, "text-empty"
        )
    if kind == 4:
        return Case(f"case{n}.txt", rng.randbytes(rng.randint(1, 5000)), [], False, "text-binary")
    if kind == 5:
        return Case(f"case{n}.txt", text.encode("utf-16"), [f"case{n}"], False, "text-utf16")
    if kind == 6:
        return Case(
            f"case{n}.txt",
            text.encode("cp1252", "replace") + b"\x93quoted\x94 \xe9",
            [f"case{n}"],
            False,
            "text-cp1252",
        )
    if kind == 7:
        return Case(f"case{n}.txt", b"\xef\xbb\xbf" + b"\xff\xfe" + text.encode(), [], False, "text-badbom")
    return Case(f"case{n}.txt", (text + "\n" + "\x00\x01" * 10).encode(), [], False, "text-controls")


def html_page(title: str, text: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{paras}</article></body></html>"
    )


def html_case(rng: random.Random, n: int) -> Case:
    """An HTML page, sometimes truncated, deeply nested, binary or scripted only."""
    page = html_page(f"Council backs plan {n}", article_text(rng, n))
    kind = rng.randrange(6)
    if kind == 0:
        return Case(f"case{n}.html", page.encode(), [f"case{n}"], False, "html")
    if kind == 1:
        return Case(f"case{n}.html", page.encode()[: rng.randint(1, len(page))], [], False, "html-truncated")
    if kind == 2:
        depth = rng.choice([300, 5000, 50_000])
        return Case(
            f"case{n}.html",
            ("<html><body>" + "<div>" * depth + "deep" + "</div>" * depth + "</body></html>").encode(),
            [],
            False,
            "html-deep",
        )
    if kind == 3:
        return Case(f"case{n}.html", b"<html>" + rng.randbytes(rng.randint(10, 4000)), [], False, "html-binary")
    if kind == 4:
        return Case(
            f"case{n}.html",
            b"<html><body><script>" + b"x" * 50_000 + b"</script></body></html>",
            [],
            True,
            "html-script",
        )
    return Case(
        f"case{n}.html",
        page.replace("<p>", '<p class="' + "a" * 100_000 + '">', 1).encode(),
        [f"case{n}"],
        False,
        "html-attr",
    )


def feed_case(rng: random.Random, n: int) -> Case:
    """An RSS feed, sometimes empty, truncated, with entity bombs or broken markup."""
    items = "".join(
        f"<item><title>Plan {n}-{i}</title><link>https://courier.example/{n}/{i}</link><guid>f{n}-{i}</guid>"
        f"<description>{article_text(rng, i)}</description></item>"
        for i in range(rng.randint(1, 3))
    )
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>{items}</channel></rss>'
    kind = rng.randrange(5)
    if kind == 0:
        return Case(f"case{n}.rss", feed.encode(), [], False, "feed")
    if kind == 1:
        return Case(
            f"case{n}.rss",
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>',
            [],
            True,
            "feed-empty",
        )
    if kind == 2:
        return Case(f"case{n}.rss", feed.encode()[: rng.randint(40, len(feed))], [], False, "feed-truncated")
    if kind == 3:
        lol = (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
            + ']>'
        )
        return Case(
            f"case{n}.rss",
            (lol + feed.split("?>", 1)[1].replace("Courier", "&lol9;")).encode(),
            [],
            False,
            "feed-laughs",
        )
    return Case(f"case{n}.rss", feed.replace("</item>", "<item><title>", 1).encode(), [], False, "feed-broken")


def warc_record(url: str, html: str, ctype: str = "text/html") -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
    )
    return buf.getvalue()


def warc_case(rng: random.Random, n: int) -> Case:
    """A WARC of good records with one broken one among them; sometimes compressed and cut."""
    urls = [f"https://paper.example/{n}/{i}" for i in range(3)]
    recs = [warc_record(u, html_page(f"Plan {u}", article_text(rng, i))) for i, u in enumerate(urls)]
    kind = rng.randrange(7)
    good = [urls[0], urls[2]]
    if kind == 0:
        good = urls
    elif kind == 1:
        recs[1] = recs[1].replace(
            b"WARC-Type: response\r\n",
            b"X-Junk: " + b"x" * rng.choice([70_000, 2_000_000]) + b"\r\nWARC-Type: response\r\n",
        )
    elif kind == 2:
        recs[1] = recs[1].replace(b"Content-Length: ", b"Content-Length: 9", 1)
    elif kind == 3:
        recs[1] = rng.randbytes(rng.randint(1, 3000)).replace(b"WARC/", b"warc/")
    elif kind == 4:
        recs[1] = recs[1][: rng.randint(1, len(recs[1]) - 1)]
    elif kind == 5:
        recs[1] = recs[1].replace(b"Content-Length: ", b"Content-Length: -", 1)
    else:
        recs[1] = warc_record(urls[1], "\x00binary", ctype="image/png")
        good = [urls[0], urls[2]]
    must = kind not in (0, 6)
    data = b"".join(recs)
    case = Case(f"case{n}.warc", data, good, must, "warc")
    if rng.random() < 0.3:
        return compress(rng, case)
    return case


def junk_case(rng: random.Random, n: int) -> Case:
    """Random bytes under any name, sometimes behind a compression magic number."""
    name = f"case{n}" + rng.choice([".txt", ".jsonl", ".html", ".rss", ".warc", ".jsonl.gz", ".warc.zst", ".bin", ""])
    data = rng.choice([b"", b"\x1f\x8b", b"\x28\xb5\x2f\xfd", b"WARC/1.0\r\n", b"{", b"<rss>"]) + rng.randbytes(
        rng.randint(0, 4000)
    )
    return Case(name, data, [], False, "junk")


MAKERS = [jsonl_case, jsonl_case, text_case, html_case, feed_case, warc_case, junk_case]


def make_case(rng: random.Random, n: int) -> Case:
    """Case number ``n``: one of every kind in turn, a JSONL one sometimes compressed."""
    case = MAKERS[n % len(MAKERS)](rng, n)
    if case.kind == "jsonl" and rng.random() < 0.4:
        return compress(rng, case)
    return case


def _gzip_stream(parts, level: int = 6) -> bytes:
    z = zlib.compressobj(level, zlib.DEFLATED, 31)
    return b"".join(z.compress(p) for p in parts) + z.flush()


def _zstd_stream(parts) -> bytes:
    z = zstandard.ZstdCompressor(level=3).compressobj()
    return b"".join(z.compress(p) for p in parts) + z.flush()


def big_cases() -> list[Case]:
    """The bombs of the review, too slow for the suite: a 1 GiB line, ten million {} lines, a 1 GiB WARC header line.

    Compressed piece by piece, so building them never holds the expanded bytes.
    """
    mib = b"a" * (1 << 20)
    line = _gzip_stream([b'{"id": "big", "text": "'] + [mib] * 1024 + [b'"}\n'], level=1)
    lines = _gzip_stream([b"{}\n" * 1_000_000] * 10, level=9)
    header = _zstd_stream([b"WARC/1.0\r\nX-Junk: "] + [mib] * 1024 + [b"\r\n\r\n"])
    return [
        Case("big-line.jsonl.gz", line, [], True, "bomb-line"),
        Case("empty-objects.jsonl.gz", lines, [], True, "bomb-lines"),
        Case("big-header.warc.zst", header, [], True, "bomb-warc"),
    ]
