"""Line-level boilerplate of scraped news text: what each unwanted line is, and why."""

from __future__ import annotations

import re

from .agencies import looks_like_outlet
from .metadata import parse_date

_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "newsletter prompt",
        re.compile(
            r"^(sign up|subscribe)\b.{0,120}$|^get (our|the|\w+'s) .{0,60}newsletters?\b.{0,60}$"
            r"|newsletters? delivered to your inbox"
            r"|^(?=.{0,160}$).{0,100}\b(?:delivered|sent|straight) to your inbox\b"
            r"|^never miss (?:a|another) (?:story|thing|headline|update)\b.{0,100}$"
            r"|^(?=.{0,140}$)(?:[\w'\u2019]+[\s:]+){0,4}"
            r"sign up (?:for|to)\b.{0,60}\b(?:alerts|newsletters?|updates|briefing)\b[^.]{0,30}\.?$",
            re.I,
        ),
    ),
    (
        "audio prompt",
        re.compile(r"^(?:listen to (?:this|the) (?:article|story|report)|listen\s*\(?\d+\s*min\)?)\b.{0,40}$", re.I),
    ),
    (
        "developing-story note",
        re.compile(
            r"^(?:check back (?:later |soon )?for (?:updates|more)|stay (?:with us|tuned)\b"
            r"|this (?:is a developing story|story is developing|"
            r"story will be updated|article will be updated)\b).{0,80}$",
            re.I,
        ),
    ),
    (
        "photo caption",
        re.compile(
            r"\((photo|photos|picture|image|file photo|pictured)\s*:[^)]{1,80}\)\s*$"
            r"|^\((?:photo|photograph|picture|image)s? (?:by|credit|courtesy)\b[^)]{0,80}\)\s*$"
            r"|\bPHOTOS?:\s*[A-Z][A-Z .&'/-]{1,40}$"
            r"|^(file photo|photo|photos|pictured|image|video|watch)\s*:"
            r"|\((taken|shot|photographed) (with|on|using) [^)]{2,60}\)\s*$"
            r"|\bATTENTION EDITORS\b|/File Photo\s*$|\b(getty images|via reuters|via afp)\s*$",
            re.I,
        ),
    ),
    (
        "read-more link",
        re.compile(
            r"^(read more|read also|also read|related|see also|recommended|more on this( story| topic)?)\s*:", re.I
        ),
    ),
    ("byline", re.compile(r"^(?:By|BY)\s+[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|in|and|for|of|the|with))*\s*$")),
    ("section label", re.compile(r"^(?=(?:\S+\s+){0,7}\S+$)[^.!?|›»\d]{1,60}\s(›|»|\|)\s[^.!?\d]{1,40}$")),
    ("copyright line", re.compile(r"^(©|\(c\)|copyright\b)|\ball rights reserved\.?\s*$", re.I)),
    (
        "sharing prompt",
        re.compile(
            r"^(share (this|on)|follow (us|me) on"
            r"|join (us|our|\w+'s) .{0,40}(channel|group)|click here|tap here"
            r"|download (our|the) app|like us on)\b.{0,100}$",
            re.I,
        ),
    ),
    ("advertisement", re.compile(r"^(advertisement|sponsored( content)?|ad)\s*$", re.I)),
]
_DATE_LINE = re.compile(
    r"^(published|updated|posted|last updated)\s*(on|at)?\s*:?\s*.{4,40}$|^date\s*:\s*.{4,30}$", re.I
)
_PERMISSION = re.compile(
    r"\b(?:with (?:the )?(?:kind )?permission|by (?:arrangement|permission)"
    r"|under (?:a )?licen[cs]e|courtesy of)\b",
    re.I,
)
"""A "Published with permission from ..." line is a republisher's credit to the outlet a story was taken from, not a
date line: it stays in the text, where the copy stage reads it as a copy's mark."""
_CREDIT_LINE = re.compile(r"^(photo|photograph|image|picture)\s*(credit)?\s*:\s*\S.{0,60}$", re.I)
_OUTLET_PHOTO = re.compile(
    r"^(?P<who>(?-i:[A-Z]{2,5}(?:[-/][A-Z]{2,5})?)|[\w&.'-]+"
    r"(?: (?!file )[\w&.'-]+){0,3}) (?:file )?(?:photo|picture)"
    r"(?P<sep>\s*[:/]|\s*$)(?P<rest>.*)$",
    re.I,
)
"""One picture credited to an outlet or agency: "ST PHOTO: …", "AP Photo/…", "EPA-EFE PHOTO", "Reuters file photo: …"
(an abbreviation of two to five capitals, or a name that looks like an outlet)."""
_TRAILING_CREDIT = re.compile(
    r"(?<=[.!?\"\u201d\u2019])\s+"
    r"(?:([A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,3})|\(([A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,3})\))\s*$"
)
"""An outlet's name closing the last sentence's line, bare or in brackets ("... denied the charges. (Reuters)")."""


def classify_line(line: str) -> str | None:
    """The boilerplate reason for one line, or None when it may be article text."""
    s = line.strip()
    if not s:
        return None
    if (_DATE_LINE.match(s) and not _PERMISSION.search(s)) or (len(s) <= 40 and parse_date(s)):
        return "date line"
    credit = _outlet_photo(s)
    if credit and ":" in credit.group("sep"):
        return "photo caption"
    for reason, rx in _RULES:
        if rx.search(s):
            if reason == "copyright line" and len(s.split()) > 25:
                continue
            return reason
    return None


def is_photo_credit(line: str) -> bool:
    """A line that only credits a picture ("PHOTO: REUTERS", "ST PHOTO: KEVIN LIM"): the line before it is that
    picture's caption."""
    s = line.strip()
    credit = _outlet_photo(s)
    return bool(_CREDIT_LINE.match(s) or (credit and len(credit.group("rest")) <= 60))


def _outlet_photo(line: str) -> re.Match[str] | None:
    """The match of a line that opens with a picture credited to an outlet (:data:`_OUTLET_PHOTO`), else None."""
    m = _OUTLET_PHOTO.match(line)
    if m is None:
        return None
    who = m.group("who")
    return m if who.isupper() or looks_like_outlet(who) else None


_REPORTING = re.compile(r"\b(said|says|told|according to|reported|added|stated)\b|[\"\u201c\u201d]", re.I)
_INNER_SENTENCE = re.compile(r"[.!?]\s+[A-Z]")


def could_be_caption(line: str, after_photo: bool) -> bool:
    """A line that may caption the picture credited below it.

    One sentence with no quote or attribution, and either right after another picture line
    (alt text, "FILE PHOTO: …") or too short and unpunctuated to be a body paragraph.
    """
    s = line.strip()
    if _INNER_SENTENCE.search(s) or _REPORTING.search(s) or len(s.split()) > 40:
        return False
    return after_photo or (len(s.split()) <= 20 and not s.endswith((".", "!", "?")))


def is_wire_credit(line: str) -> bool:
    """A line that only names a wire agency or outlet, as reprints end with ("Bloomberg", "— AFP")."""
    s = line.strip().strip("-\u2013\u2014 ")
    names = [n.strip() for n in re.split(r"\s*(?:/|,|\band\b)\s*", s) if n.strip()]
    return bool(names) and all(looks_like_outlet(n) for n in names)


def split_trailing_credit(line: str) -> tuple[str, str | None]:
    """Split "… denied the charges. Bloomberg" into the sentence and the trailing outlet name."""
    m = _TRAILING_CREDIT.search(line.rstrip())
    name = (m.group(1) or m.group(2)) if m else None
    if m and name and looks_like_outlet(name):
        return line[: m.start()].rstrip(), name
    return line, None
