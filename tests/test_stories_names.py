"""The capitalised-phrase name finder of the story stage: one name is one term, and a phrase never
runs across a sentence end, a line break (one sentence a line, a headline over its body) or a title."""

from storyline.stories import text as T


def multi(text):
    return [t for t in T.entities(text) if " " in t]


def test_a_name_stops_at_a_sentence_end():
    got = multi("The levy passed in Dorvane. The governor, Hella Brask, signed it. Ostrin Vale Council met.")
    assert "hella brask" in got and "ostrin vale council" in got
    assert not any("dorvane" in t for t in got), got


def test_a_name_stops_at_a_line_break():
    got = multi("Two die in fire at Corwen Mills\nTamsin Rook said the Corwen Mills plant burned")
    assert "corwen mills" in got and "tamsin rook" in got
    assert not any("mills tamsin" in t for t in got), got


def test_initials_and_abbreviations_stay_inside_a_name():
    got = multi("Judge Ines P. Morrow moved to St. Kilda before the U.S. Senate vote.")
    assert "ines p. morrow" in got and "st. kilda" in got and "u.s. senate" in got


def test_titles_and_possessives_do_not_make_new_names():
    one = set(T.entities("President Lorna Vesk’s plan was backed by Senate Majority Leader Odo Fenn."))
    other = set(T.entities("Lorna Vesk met Odo Fenn on Tuesday."))
    assert {"lorna vesk", "odo fenn"} <= one & other
    assert multi("In Harbor City Saturday crowds gathered")[0] == "harbor city"
    assert "house of representatives" in T.entities("the House of Representatives voted")


def test_a_phrase_of_many_capitalised_stop_words_is_read_in_linear_time():
    """Leading stop words were cut one list copy at a time: 200,000 of them took minutes."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "from storyline.stories import text\n"
        "print(text.entities('The ' * 100000 + 'President ' * 100000 + 'Lorna Vesk spoke'))"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=root)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['lorna vesk', 'lorna', 'vesk']"
