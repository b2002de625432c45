"""Time expressions and timelines: find and normalise dates, then order dated events."""

from storyline.timeline.build import build_timeline
from storyline.timeline.expressions import find_times
from storyline.timeline.normalise import CLOCK_ON_PUBLICATION_DAY
from storyline.timeline.records import date_records, mentions_record

__all__ = ["CLOCK_ON_PUBLICATION_DAY", "build_timeline", "date_records", "find_times", "mentions_record"]
