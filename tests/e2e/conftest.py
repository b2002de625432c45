"""The browser fixtures, defined once for every module here: Playwright's sync API allows one instance
per thread, so the session's browser must be a single fixture, not one per module that imports it."""

from .web_e2e_support import artifacts, browser, example_server, local_page, pipeline_server  # noqa: F401 (fixtures)
