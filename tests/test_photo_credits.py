"""Picture credits and camera notes are cleaned as captions, whoever took the picture and with whatever camera."""

from __future__ import annotations

import pytest

from storyline.clean import clean_text
from storyline.clean.boilerplate import classify_line, is_photo_credit

BODY = [
    "The harbour authority of Veltria reopened the north quay on Monday after three weeks of repairs.",
    "Ferries to Oskar island will run on the old timetable from Wednesday, the operator said.",
]


@pytest.mark.parametrize(
    "credit",
    [
        "ST PHOTO: MARA VELLIN",
        "AFP PHOTO",
        "EPA-EFE PHOTO / STR",
        "AP Photo/Dario Kessen",
        "Reuters file photo",
        "The Veltria Courier photo",
        "Photograph: Lund Pictures",
    ],
)
def test_a_picture_credited_to_an_outlet_is_a_credit_line(credit):
    assert is_photo_credit(credit)
    text = "\n\n".join([BODY[0], "Workers repaint the north quay at dawn", credit, BODY[1]])
    cleaned, removed = clean_text(text)
    assert cleaned == "\n\n".join(BODY)
    assert [r.reason for r in removed] == ["photo caption", "photo caption"]


@pytest.mark.parametrize(
    "caption",
    [
        "Workers repaint the north quay at dawn. (Taken with a Fujifilm X-T5)",
        "The new ferry leaves Oskar island. (Shot on a Pixel 8 Pro)",
        "A crane lifts the last span into place. (Photographed using a drone)",
        "ORIN PRESS PHOTO: Workers repaint the north quay at dawn, on Saturday.",
    ],
)
def test_a_caption_with_a_camera_note_or_an_outlet_credit_is_removed(caption):
    assert classify_line(caption) == "photo caption"
    cleaned, _ = clean_text("\n\n".join([BODY[0], caption, BODY[1]]))
    assert cleaned == "\n\n".join(BODY)


@pytest.mark.parametrize(
    "line",
    [
        "AP photos show the damage to the quay wall, which the authority says is older than the city.",
        "Harbour workers photographed the damage before the repairs began, the authority said.",
        "The operator said a worker was shot on Tuesday near the quay (police are investigating)",
        "My photos of the quay were taken before the storm, she said.",
        "GRAPHIC PICTURES: VELTRIA (VTV) - The quay wall gave way on Monday and two cranes fell into the harbour.",
    ],
)
def test_body_lines_about_pictures_stay(line):
    assert classify_line(line) is None and not is_photo_credit(line)
    cleaned, _ = clean_text("\n\n".join([BODY[0], line, BODY[1]]))
    assert line in cleaned
