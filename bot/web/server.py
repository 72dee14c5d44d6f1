"""Serves the demo page that hosts the chat widget (standard library only).

The page is rendered once at start-up with the Rasa server URL and region, so a newcomer's
`make run` needs no configuration.
"""

from __future__ import annotations

import argparse
import html
import mimetypes
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def render_index(rasa_url: str, region: str, max_chars: int) -> bytes:
    template = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    return (
        template.replace("{{RASA_URL}}", html.escape(rasa_url, quote=True))
        .replace("{{REGION}}", html.escape(region, quote=True))
        .replace("{{MAX_CHARS}}", str(int(max_chars)))
        .encode("utf-8")
    )


class DemoPageHandler(BaseHTTPRequestHandler):
    server_version = "AzathioprineAssistantWeb"

    def __init__(self, *args, index: bytes, rasa_url: str, **kwargs):
        self.index = index
        self.rasa_url = rasa_url
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

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        # The page may talk only to itself and the Rasa server: no CDN, no third parties.
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'self'; connect-src 'self' {self.rasa_url}; img-src 'self' data:;"
            " style-src 'self'; script-src 'self'; frame-ancestors 'self'",
        )
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        # Paths only; the page never receives chat text, but keep the log short.
        super().log_message(format, *args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--rasa-url", default="http://localhost:5005")
    parser.add_argument("--region", default="uk")
    parser.add_argument("--max-chars", type=int, default=1000)
    args = parser.parse_args()
    index = render_index(args.rasa_url, args.region, args.max_chars)
    handler = partial(DemoPageHandler, index=index, rasa_url=args.rasa_url)
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
