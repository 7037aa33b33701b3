"""What every reader of the pages shares, kept in the cache until a page changes.

One number, the pages' version, is part of every key; ``lms.page_cache`` draws a new
one when a page is published, unpublished, moved or deleted, or when a model an app
registered changes. Nothing here imports Wagtail: page models use it too.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

VERSION_KEY = "page_cache:version"


def new_pages_version() -> None:
    """Drop everything kept: every key changes."""
    try:
        cache.set(VERSION_KEY, time.time_ns(), None)
    except Exception:  # the cache is down: what it kept is unreachable too
        logger.warning("kept pages: could not draw a new version", exc_info=True)


def pages_version(request) -> int:
    """The keys' current version, read once a request (each time without one)."""
    if request is None or not hasattr(request, "_page_cache_version"):
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, time.time_ns(), None)
            version = cache.get(VERSION_KEY)
        if request is None:
            return version
        request._page_cache_version = version
    return request._page_cache_version


def kept_until_pages_change(request, key: str, compute):
    """``compute()``, kept until a page, a site, an image or a document changes (or an
    app's model registered with ``page_cache_invalidate_on``): what every reader of a
    page shares, such as a course's outline or a page's translations."""
    try:
        full_key = f"page_data:{pages_version(request)}:{key}"
        value = cache.get(full_key)
    except Exception:
        logger.warning("page cache: unreachable", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(full_key, value, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("page cache: could not keep a value", exc_info=True)
    return value
