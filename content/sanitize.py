"""The one place where HTML written by users is cleaned.

Only this module imports the sanitising library, so that it can be replaced here and
nowhere else. Everything a learner types that is shown back as HTML (reflection answers,
feedback comments) goes through ``sanitize_html``; anything meant as plain text goes
through ``sanitize_text``.
"""

import bleach

#: Tags a learner may use in a formatted answer: paragraphs, emphasis, lists, links.
ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

#: Longest text accepted, in characters, before cleaning.
MAX_LENGTH = 20_000


def sanitize_html(value: str) -> str:
    """Return ``value`` with every tag, attribute and URL scheme not allowed removed.

    Links are given ``rel="nofollow noopener"`` so a learner's answer cannot pass
    reputation or a window handle to another site.
    """
    cleaned = bleach.clean(
        (value or "")[:MAX_LENGTH],
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    return bleach.linkify(
        cleaned,
        callbacks=[_rel_nofollow],
        parse_email=False,
    )


def sanitize_text(value: str) -> str:
    """Return ``value`` as plain text: all markup removed, entities left escaped."""
    return bleach.clean((value or "")[:MAX_LENGTH], tags=set(), strip=True, strip_comments=True)


def _rel_nofollow(attrs, new=False):
    attrs[(None, "rel")] = "nofollow noopener"
    return attrs
