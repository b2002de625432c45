"""Which file names an upload may have: the endings the readers take (one list, in ingest.detect)."""

from __future__ import annotations

import pytest

from storyline.ingest.detect import NAME_SUFFIXES
from storyline.web.uploads import UploadError, check_upload

TEXT = b"The harbour ferry sailed at dawn for the first time since the storm.\n"


@pytest.mark.parametrize("name", ["notes.txt", "feed.ATOM", "crawl.arc", "story.md.gz", "rows.ndjson", "plain"])
def test_a_name_a_reader_takes_is_accepted(name: str) -> None:
    assert check_upload(name, TEXT)


@pytest.mark.parametrize("name", ["sheet.xlsx", "notes.docx.gz", "image.png"])
def test_other_endings_are_refused_with_415(name: str) -> None:
    with pytest.raises(UploadError) as caught:
        check_upload(name, TEXT)
    assert caught.value.status == 415 and "unsupported file type" in str(caught.value)


def test_the_endings_are_the_ones_the_readers_know() -> None:
    assert {".txt", ".text", ".md", ".jsonl", ".ndjson", ".json", ".html", ".htm", ".xhtml", ".xml"} < NAME_SUFFIXES
    assert {".rss", ".atom", ".warc", ".arc"} < NAME_SUFFIXES and len(NAME_SUFFIXES) == 14
