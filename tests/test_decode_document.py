"""Whole-file documents (text, HTML): one decode step that says why a file holds no text."""

from __future__ import annotations

import pytest

from storyline.ingest.decode import decode_document
from storyline.ingest.html import read_html
from storyline.ingest.text import read_text
from storyline.model import Article, ReadError

EMPTY = "no text (the file is empty or only whitespace)"


def test_text_and_its_encoding() -> None:
    assert decode_document("The tide came in.".encode("utf-8"), "tide.txt") == ("The tide came in.", "utf-8")


@pytest.mark.parametrize("reader", [read_text, read_html])
@pytest.mark.parametrize("data, message", [(b" \n\t\n", EMPTY), (b"\x00\x01\x02\x00" * 20, "binary content")])
def test_both_readers_say_why_a_file_holds_no_text(reader, data: bytes, message: str) -> None:
    (got,) = list(reader(data, "box/odd.file", "odd"))
    assert isinstance(got, ReadError) and got.path == "box/odd.file" and got.message.startswith(message)


def test_a_text_file_still_reads() -> None:
    (got,) = list(read_text(b"Lighthouse keepers met on Tuesday.\n\nThey voted to stay.", "a.txt", "a"))
    assert isinstance(got, Article) and "voted to stay" in got.text
