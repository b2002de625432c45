"""Web UI, HTTP API and the one-file HTML report.

``create_app`` and ``serve`` need the ``web`` extra (FastAPI, uvicorn); ``render_report`` needs only Jinja2.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app", "serve", "render_report"]


def __getattr__(name: str) -> Any:
    if name in ("create_app", "serve"):
        from . import app

        return getattr(app, name)
    if name == "render_report":
        from .report import render_report

        return render_report
    raise AttributeError(name)
