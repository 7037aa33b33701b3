from content.sanitize import sanitize_html, sanitize_text


def test_scripts_and_event_handlers_are_removed():
    cleaned = sanitize_html('<p onclick="x()">Bonjour<script>alert(1)</script></p>')
    assert "<script" not in cleaned
    assert "onclick" not in cleaned
    assert cleaned.startswith("<p>Bonjour")


def test_allowed_formatting_is_kept():
    html = "<p><strong>Données</strong> et <em>vie privée</em></p><ul><li>un</li></ul>"
    assert sanitize_html(html) == html


def test_javascript_links_lose_their_href_and_links_get_nofollow():
    cleaned = sanitize_html('<a href="javascript:alert(1)">x</a> <a href="https://ex.org">y</a>')
    assert "javascript:" not in cleaned
    assert '<a href="https://ex.org" rel="nofollow noopener">y</a>' in cleaned


def test_plain_text_keeps_no_markup():
    assert sanitize_text("<b>Allô</b> <i>toi</i> & moi") == "Allô toi &amp; moi"


def test_only_the_sanitize_module_imports_bleach():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    importers = [
        p.relative_to(root).as_posix()
        for folder in ("lms", "courses", "cohorts", "webinars", "content")
        for p in (root / folder).rglob("*.py")
        if "import bleach" in p.read_text() or "from bleach" in p.read_text()
    ]
    assert importers == ["content/sanitize.py"]
