"""``python -m storyline.sources IN.jsonl -o OUT.jsonl``."""

from .records import main

raise SystemExit(main())
