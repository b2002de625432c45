"""ASGI middleware: the optional shared token, a request body limit, and security headers on every answer."""

from __future__ import annotations

import hashlib
import json
import secrets
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

COOKIE = "storyline_token"
_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_DOCS = ("/docs", "/redoc")


class _TooLarge(Exception):
    pass


class Guard:
    """Wraps the app: refuses requests without the token (when one is set) and bodies over ``max_body`` bytes."""

    def __init__(self, app: Any, token: str | None, max_body: int):
        self.app = app
        self.token = token
        self.max_body = max_body
        self.cookie_value = hashlib.sha256(b"storyline-web:" + token.encode()).hexdigest() if token else ""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        set_cookie = False
        if self.token:
            ok, set_cookie = self._check(scope)
            if not ok:
                await _json(send, 401, {"detail": "a valid token is required (Authorization: Bearer <token>, or ?token=)"},
                            [(b"www-authenticate", b"Bearer")])
                return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_body
            except ValueError:
                await _json(send, 400, {"detail": "bad Content-Length"})
                return
            if too_big:
                await _json(send, 413, {"detail": f"request body over the limit of {self.max_body} bytes"})
                return
        started = False
        seen = 0

        async def limited_receive() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge()
            return message

        docs = scope["path"].startswith(_DOCS)

        async def guarded_send(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                         (b"x-frame-options", b"DENY")]
                if not docs:
                    extra.append((b"content-security-policy", _CSP.encode()))
                if set_cookie:
                    extra.append((b"set-cookie", f"{COOKIE}={self.cookie_value}; Path=/; HttpOnly; SameSite=Strict".encode()))
                message = dict(message, headers=list(message.get("headers", [])) + extra)
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooLarge:
            if not started:
                await _json(send, 413, {"detail": f"request body over the limit of {self.max_body} bytes"})

    def _check(self, scope: dict[str, Any]) -> tuple[bool, bool]:
        """(token accepted, set the cookie) from the header, the cookie or the query string."""
        assert self.token is not None
        offered: list[tuple[str, bool]] = []
        for name, value in scope.get("headers") or []:
            if name == b"authorization":
                v = value.decode("latin-1")
                if v.lower().startswith("bearer "):
                    offered.append((v[7:].strip(), False))
            elif name == b"x-storyline-token":
                offered.append((value.decode("latin-1"), False))
            elif name == b"cookie":
                jar: SimpleCookie = SimpleCookie()
                try:
                    jar.load(value.decode("latin-1"))
                except Exception:
                    continue
                if COOKIE in jar and secrets.compare_digest(jar[COOKIE].value.encode(), self.cookie_value.encode()):
                    return True, False
        for v in parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", []):
            offered.append((v, True))
        for value, from_query in offered:
            if secrets.compare_digest(value.encode(), self.token.encode()):
                return True, from_query
        return False, False


async def _json(send: Any, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]] | None = None) -> None:
    data = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()),
                            (b"x-content-type-options", b"nosniff")] + (headers or [])})
    await send({"type": "http.response.body", "body": data})
