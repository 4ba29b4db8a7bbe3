"""Fetching a URL: the bytes of one document, or one line that says why not.

httpx does the HTTP; here are the limits around it: a connect timeout, a timeout for a server
that goes silent, a total deadline checked as the body arrives, at most `MAX_REDIRECTS`
redirects followed by hand (a loop is named as one), the 64 MiB cap enforced while reading
(a `Content-Length` over it is refused before the body), and only http and https. What the
bytes are is decided later by their magic and the content type (`source.sniff_format`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from briefing.errors import SourceError
from briefing.ingest.source import MAX_BYTES
from briefing.text.safety import shown

CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a connection (DNS and TLS included)."""
READ_TIMEOUT = 10.0
"""Seconds a server may stay silent, before its answer or within its body."""
TOTAL_TIMEOUT = 30.0
"""Seconds for the whole fetch, redirects included (checked as each piece arrives)."""
MAX_REDIRECTS = 5

USER_AGENT = "briefing (a terminal reader; +https://github.com/briefing)"

FetchProgress = Callable[[int, int | None], None]
"""Called with (bytes read so far, the size the server announced or None)."""


def is_url(argument: str) -> bool:
    """An http(s) address rather than a file name."""
    return argument[:8].lower().startswith(("http://", "https://"))


class Fetched:
    """A fetched document: its bytes and what the server said about them."""

    __slots__ = ("content_type", "data", "fetched", "final_url", "url")

    def __init__(
        self, url: str, final_url: str, data: bytes, content_type: str | None, fetched: str
    ) -> None:
        self.url = url
        self.final_url = final_url
        self.data = data
        self.content_type = content_type
        self.fetched = fetched
        """When (UTC, ISO 8601 to the second)."""

    @property
    def charset(self) -> str | None:
        """The charset of the Content-Type header, if it gives one."""
        for part in (self.content_type or "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'").lower()
        return None


def fetch(url: str, progress: FetchProgress | None = None, limit: int | None = None) -> Fetched:
    """GET `url`, following redirects; every failure is a `SourceError` naming `url`."""
    import httpx  # only for a URL

    limit = MAX_BYTES if limit is None else limit
    where = shown(url)
    deadline = time.monotonic() + TOTAL_TIMEOUT
    timeout = httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT)
    seen = [url]
    current = url
    try:
        with httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
            trust_env=False,
        ) as client:
            while True:
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        current = _next_location(response, current, seen, where)
                        continue
                    if response.status_code >= 400:
                        reason = response.reason_phrase or ""
                        raise SourceError(
                            where,
                            f"the server answered {response.status_code} {shown(reason)}".rstrip(),
                        )
                    data = _read(response, limit, deadline, progress, where)
                    return Fetched(
                        url,
                        str(response.url),
                        data,
                        response.headers.get("content-type"),
                        time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    )
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise SourceError(where, _reason(exc)) from None


_ACCEPT = "text/html,application/xhtml+xml,application/pdf,text/markdown,text/plain;q=0.9,*/*;q=0.5"


def _next_location(response: Any, current: str, seen: list[str], where: str) -> str:
    location = response.headers.get("location")
    if not location:
        raise SourceError(where, f"the server redirected ({response.status_code}) to nowhere")
    target = str(response.url.join(location))
    if not is_url(target):
        raise SourceError(where, f"redirects to {shown(target)[:200]}, which is not http(s)")
    if target in seen:
        raise SourceError(where, f"redirects in a loop (back to {shown(target)[:200]})")
    seen.append(target)
    if len(seen) > MAX_REDIRECTS + 1:
        raise SourceError(where, f"redirects more than {MAX_REDIRECTS} times")
    return target


def _read(
    response: Any, limit: int, deadline: float, progress: FetchProgress | None, where: str
) -> bytes:
    announced = response.headers.get("content-length")
    total: int | None = None
    if announced and announced.isdigit():
        total = int(announced)
        if total > limit:
            raise SourceError(where, _too_large(total, limit))
    chunks: list[bytes] = []
    size = 0
    if progress:
        progress(0, total)
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise SourceError(where, _too_large(size, limit, at_least=True))
        chunks.append(chunk)
        if progress:
            progress(size, total)
        if time.monotonic() > deadline:
            raise SourceError(
                where, f"took longer than {TOTAL_TIMEOUT:.0f} s to arrive (given up on)"
            )
    if time.monotonic() > deadline:
        raise SourceError(where, f"took longer than {TOTAL_TIMEOUT:.0f} s to arrive (given up on)")
    return b"".join(chunks)


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"is too large ({more}{size / 1e6:,.0f} MB; the limit is {limit // 2**20} MiB)"


def _reason(exc: Exception) -> str:
    """One line for an httpx error."""
    import httpx

    message = str(exc) or type(exc).__name__
    lower = message.lower()
    if isinstance(exc, httpx.ConnectTimeout):
        return f"no connection within {CONNECT_TIMEOUT:.0f} s (the server did not answer)"
    if isinstance(exc, httpx.ReadTimeout):
        return f"the server went silent for {READ_TIMEOUT:.0f} s (given up on)"
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.ConnectError):
        if any(
            s in lower
            for s in (
                "name or service not known",
                "nodename nor servname",
                "temporary failure in name resolution",
                "no address associated",
                "getaddrinfo failed",
                "name resolution",
            )
        ):
            return "cannot find that host (DNS lookup failed)"
        if "refused" in lower:
            return "the connection was refused (is the server running?)"
        if "ssl" in lower or "certificate" in lower or "tls" in lower:
            return f"a secure (TLS) connection failed: {_short(message)}"
        return f"cannot connect: {_short(message)}"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke the connection or the protocol: {_short(message)}"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "is not an http or https address"
    if isinstance(exc, httpx.InvalidURL | httpx.LocalProtocolError):
        return f"is not a valid address: {_short(message)}"
    return f"cannot be fetched: {_short(message)}"


def _short(message: str) -> str:
    return shown(" ".join(message.split()))[:200]
