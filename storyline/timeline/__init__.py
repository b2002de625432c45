"""Time expressions and timelines: find and normalise dates, then order dated events."""

from storyline.timeline.build import build_timeline
from storyline.timeline.expressions import find_times
from storyline.timeline.records import date_records, mentions_record

__all__ = ["build_timeline", "date_records", "find_times", "mentions_record"]
