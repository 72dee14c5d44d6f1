"""Serves the demo page that hosts the chat widget (standard library and bot.regions only).

The page is rendered once at start-up with the Rasa server URL, region, title and message
length limit, so a newcomer's `make run` needs no configuration. The widget itself is
static/widget.js + static/widget.css: one <script> tag embeds it in any page.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import mimetypes
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.regions import contacts_for
from bot.settings import REGIONS

STATIC_DIR = Path(__file__).resolve().parent / "static"
DEFAULT_TITLE = "Azathioprine assistant"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def server_origin(rasa_url: str) -> str:
    """The scheme://host:port of the Rasa server URL; refuses anything but plain http(s) URLs."""
    parts = urlsplit(rasa_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"the Rasa server URL must look like http://host:port, not {rasa_url!r}")
    if any(c in parts.netloc for c in " \t\r\n;,'\"<>"):
        raise ValueError(f"the Rasa server URL has characters a URL cannot have: {rasa_url!r}")
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(rasa_url: str) -> str:
    """The page may talk only to itself and the Rasa server: no CDN, no third parties, no inline code."""
    return (
        f"default-src 'self'; connect-src 'self' {server_origin(rasa_url)}; img-src 'self' data:;"
        " style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none';"
        " form-action 'none'; frame-ancestors 'self'"
    )


def render_index(rasa_url: str, region: str, max_chars: int, title: str = DEFAULT_TITLE) -> bytes:
    server_origin(rasa_url)  # validates
    if region not in REGIONS:
        raise ValueError(f"region must be one of {', '.join(REGIONS)}, not {region!r}")
    if int(max_chars) < 1:
        raise ValueError(f"max_chars must be a positive number, not {max_chars!r}")
    values = {
        "RASA_URL": rasa_url.strip().rstrip("/"),
        "REGION": region,
        "MAX_CHARS": str(int(max_chars)),
        "TITLE": " ".join(title.split()) or DEFAULT_TITLE,
        "EMERGENCY_NUMBER": contacts_for(region).emergency_number,
    }
    page = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    for name, value in values.items():
        page = page.replace("{{" + name + "}}", html.escape(value, quote=True))
    return page.encode("utf-8")


class DemoPageHandler(BaseHTTPRequestHandler):
    server_version = "AzathioprineAssistantWeb"

    def version_string(self) -> str:
        # No Python or server version for an attacker to look up.
        return self.server_version

    def __init__(self, *args: Any, index: bytes, csp: str, **kwargs: Any) -> None:
        self.index = index
        self.csp = csp
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/healthz":
            return self._send(HTTPStatus.OK, b"ok", "text/plain; charset=utf-8")
        if path in ("/", "/index.html"):
            return self._send(HTTPStatus.OK, self.index, "text/html; charset=utf-8")
        candidate = (STATIC_DIR / path.lstrip("/")).resolve()
        if STATIC_DIR not in candidate.parents or not candidate.is_file():
            return self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain; charset=utf-8")
        content_type = mimetypes.guess_type(candidate.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type.endswith("javascript"):
            content_type += "; charset=utf-8"
        return self._send(HTTPStatus.OK, candidate.read_bytes(), content_type)

    def _not_allowed(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"method not allowed", "text/plain; charset=utf-8", {"Allow": "GET"})

    # Everything but GET: 405 with the same headers (BaseHTTPRequestHandler's own 501 page has none).
    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _not_allowed

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors the base class raises itself (bad request line, unknown method) get our headers too."""
        if code == HTTPStatus.NOT_IMPLEMENTED:
            code = HTTPStatus.METHOD_NOT_ALLOWED
        self.close_connection = True
        with contextlib.suppress(ValueError, OSError):
            self._send(
                HTTPStatus(code),
                HTTPStatus(code).phrase.lower().encode(),
                "text/plain; charset=utf-8",
                {"Allow": "GET"} if code == HTTPStatus.METHOD_NOT_ALLOWED else {},
            )

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Content-Security-Policy", self.csp)
        for name, value in {**SECURITY_HEADERS, **(extra or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        # Paths only; the page never receives chat text, but keep the log short.
        super().log_message(format, *args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--rasa-url", default="http://localhost:5005")
    parser.add_argument("--region", default="uk", choices=REGIONS)
    parser.add_argument("--max-chars", type=int, default=1000)
    parser.add_argument("--title", default=DEFAULT_TITLE, help="the chat's title on the demo page")
    args = parser.parse_args()
    try:
        index = render_index(args.rasa_url, args.region, args.max_chars, args.title)
        csp = content_security_policy(args.rasa_url)
    except ValueError as error:
        parser.error(str(error))
    handler = partial(DemoPageHandler, index=index, csp=csp)
    server = ThreadingHTTPServer((args.host, args.port), handler)
    print(f"serving the demo page on http://{args.host}:{args.port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
