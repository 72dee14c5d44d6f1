"""The demo page's server: the page is rendered with escaped values and a strict CSP."""

import re

import pytest

from bot.web.server import content_security_policy, render_index, server_origin


def _script_tag(page: str) -> str:
    match = re.search(r'<script src="/widget\.js"[^>]*>', page)
    assert match, "the page has no widget <script> tag"
    return match.group(0)


def test_page_embeds_the_widget_with_one_script_tag_and_its_settings():
    page = render_index("http://localhost:5005", "uk", 1000).decode()
    tag = _script_tag(page)
    assert 'data-server-url="http://localhost:5005"' in tag
    assert 'data-region="uk"' in tag
    assert 'data-max-chars="1000"' in tag
    assert 'data-title="Azathioprine assistant"' in tag
    assert page.count("<script") == 1
    assert "{{" not in page


def test_region_sets_the_emergency_number_on_the_page():
    assert 'href="tel:911"' in render_index("http://localhost:5005", "us", 1000).decode()
    assert 'href="tel:112"' in render_index("http://localhost:5005", "eu", 1000).decode()


def test_values_are_escaped_in_the_data_attributes():
    page = render_index(
        'http://localhost:5005/"><script>alert(1)</script>',
        "uk",
        1000,
        title='Clinic" onload="alert(2)" x="<b>',
    ).decode()
    tag = _script_tag(page)
    assert "<script>alert(1)" not in page
    assert 'data-server-url="http://localhost:5005/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in tag
    assert 'data-title="Clinic&quot; onload=&quot;alert(2)&quot; x=&quot;&lt;b&gt;"' in tag
    assert ' onload="' not in page
    assert "<b>" not in page


def test_max_chars_is_a_number():
    assert 'data-max-chars="250"' in render_index("http://localhost:5005", "uk", "250").decode()
    with pytest.raises(ValueError):
        render_index("http://localhost:5005", "uk", "1000 onclick=x")
    with pytest.raises(ValueError):
        render_index("http://localhost:5005", "uk", 0)


@pytest.mark.parametrize("region", ["", "UK", 'uk" onclick="x', "fr"])
def test_unknown_region_is_refused(region):
    with pytest.raises(ValueError, match="region"):
        render_index("http://localhost:5005", region, 1000)


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "localhost:5005", "ftp://host", "http://", "http://a b:5005", "http://host;script-src *"],
)
def test_server_url_must_be_a_plain_http_url(url):
    with pytest.raises(ValueError):
        render_index(url, "uk", 1000)


def test_csp_allows_only_the_page_itself_and_the_rasa_origin():
    csp = content_security_policy("https://bot.example.org:5005/some/path")
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["connect-src"] == "'self' https://bot.example.org:5005"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "\n" not in csp and "\r" not in csp


def test_server_origin_drops_the_path():
    assert server_origin("http://localhost:5005/") == "http://localhost:5005"
    assert server_origin(" https://bot.example.org/rasa ") == "https://bot.example.org"


@pytest.fixture
def page_server():
    import threading
    from functools import partial
    from http.server import ThreadingHTTPServer

    from bot.web.server import DemoPageHandler

    handler = partial(DemoPageHandler, index=b"<html></html>", csp=content_security_policy("http://localhost:5005"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS", "PUT", "POST", "DELETE", "PATCH", "PROPFIND"])
def test_methods_other_than_get_get_405_with_the_security_headers(page_server, method):
    import requests

    response = requests.request(method, f"{page_server}/", timeout=5)
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "<html" not in response.text.lower()


def test_the_server_header_has_no_version(page_server):
    import requests

    server = requests.get(f"{page_server}/healthz", timeout=5).headers["Server"]
    assert server == "AzathioprineAssistantWeb"
    assert "Python" not in server and "/" not in server
