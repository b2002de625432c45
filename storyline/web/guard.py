"""ASGI middleware: Host and same-origin checks, the optional shared token, a request body limit, and security
headers."""

from __future__ import annotations

import hashlib
import json
import secrets
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

COOKIE = "storyline_token"
_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_DOCS = ("/docs", "/redoc")


_SAFE = ("GET", "HEAD", "OPTIONS")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def _hostname(host: str) -> str:
    """The name part of a Host header ("[::1]:8000" -> "::1", "Example.org:80" -> "example.org")."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class _TooLarge(Exception):
    pass


class Guard:
    """Wraps the app: refuses unknown Hosts (``allowed_hosts``), cross-site writes, requests without the token (when
    one is set) and bodies over ``max_body`` bytes."""

    def __init__(self, app: Any, token: str | None, max_body: int, allowed_hosts: frozenset[str] | None = None):
        self.app = app
        self.token = token
        self.max_body = max_body
        self.allowed_hosts = allowed_hosts
        self.cookie_value = hashlib.sha256(b"storyline-web:" + token.encode()).hexdigest() if token else ""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal:
            await _json(send, refusal[0], {"detail": refusal[1]})
            return
        set_cookie = False
        if self.token:
            ok, set_cookie = self._check(scope)
            if not ok:
                await _json(
                    send,
                    401,
                    {"detail": "a valid token is required (Authorization: Bearer <token>, or ?token=)"},
                    [(b"www-authenticate", b"Bearer")],
                )
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
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                if not docs:
                    extra.append((b"content-security-policy", _CSP.encode()))
                if set_cookie:
                    extra.append(
                        (b"set-cookie", f"{COOKIE}={self.cookie_value}; Path=/; HttpOnly; SameSite=Strict".encode())
                    )
                message = dict(message, headers=list(message.get("headers", [])) + extra)
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooLarge:
            if not started:
                await _json(send, 413, {"detail": f"request body over the limit of {self.max_body} bytes"})

    def _refusal(self, scope: dict[str, Any]) -> tuple[int, str] | None:
        """(status, why) for a request from an unknown Host (DNS rebinding) or a cross-site write (CSRF); None when
        fine."""
        headers = {k.lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
        host = headers.get(b"host", "")
        if self.allowed_hosts is not None and _hostname(host) not in self.allowed_hosts:
            return 421, f"this server does not answer for Host {host[:80]!r}"
        if scope.get("method", "GET") in _SAFE:
            return None
        origin = headers.get(b"origin")
        if origin is not None:
            own = f"{scope.get('scheme', 'http')}://{host}".lower()
            if origin.lower() != own:
                return 403, f"cross-site request refused: Origin {origin[:80]!r} is not this server ({own})"
        elif headers.get(b"sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return 403, "cross-site request refused (Sec-Fetch-Site)"
        return None

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
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
                (b"x-content-type-options", b"nosniff"),
            ]
            + (headers or []),
        }
    )
    await send({"type": "http.response.body", "body": data})
