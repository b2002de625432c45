"""How the command line shows help: docstrings without their reStructuredText markup, paragraphs and
lists kept apart instead of run together."""

from __future__ import annotations

import argparse
import inspect
import re
import textwrap

_ROLE = re.compile(r":\w+:`~?([^`]*)`")
_TERM = re.compile(r"^\s*\S+\s{2,}")


def plain(doc: str | None, first_paragraph: bool = False) -> str:
    """A docstring as help text: dedented, with ``literal`` and :role:`name` markup taken out (a terminal
    shows it verbatim); with ``first_paragraph``, only the text before the first blank line."""
    text = inspect.cleandoc(doc or "")
    if first_paragraph:
        text = text.split("\n\n", 1)[0]
    return _ROLE.sub(r"\1", text).replace("``", "").replace("::\n", ":\n")


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, except that descriptions keep their paragraphs, and a paragraph with
    indented lines (a list, a usage block) keeps its lines, each wrapped on its own."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = []
        for para in re.split(r"\n\s*\n", text.strip("\n")):
            lines = para.splitlines()
            if any(line[:1].isspace() for line in lines):
                paragraphs.append(
                    "\n".join(
                        textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent + " " * _hang(line))
                        for line in lines
                    )
                )
            else:
                paragraphs.append(
                    textwrap.fill(" ".join(para.split()), width, initial_indent=indent, subsequent_indent=indent)
                )
        return "\n\n".join(paragraphs)


def _hang(line: str) -> int:
    """Where the wrapped rest of a list line starts: under its text after the term ("  name   text"),
    else two spaces in from the line."""
    term = _TERM.match(line)
    return len(term.group(0)) if term else len(line) - len(line.lstrip()) + 2
