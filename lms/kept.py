"""What every reader of the pages shares, kept in the cache until a page changes.

One number, the pages' version, is part of every key; ``lms.page_cache`` draws a new
one when a page is published, unpublished, moved or deleted, or when a model an app
registered changes. Nothing here imports Wagtail: page models use it too.
"""

import contextlib
import logging
import threading
import time
from collections import OrderedDict
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

VERSION_KEY = "page_cache:version"

#: What this request already read from the cache (``request_scope``): a page asks for
#: the same kept values several times (the default locale for each page it shows).
_read: ContextVar[dict | None] = ContextVar("kept_read", default=None)


#: Values kept under a version are never changed, only abandoned for a new version: each
#: process keeps the latest it read (at most ``LOCAL_ENTRIES``), and asks the cache for
#: the version alone.
LOCAL_ENTRIES = 500
_local: OrderedDict = OrderedDict()
_local_lock = threading.Lock()


def local_get(key: str):
    """A value this process read under ``key`` (a key naming its version) and whose
    lifetime has not run out, or None."""
    with _local_lock:
        found = _local.get(key)
        if found is None:
            return None
        expires, value = found
        if expires is not None and expires < time.monotonic():
            del _local[key]
            return None
        _local.move_to_end(key)
        return value


def local_set(key: str, value, timeout=None) -> None:
    expires = None if timeout is None else time.monotonic() + timeout
    with _local_lock:
        _local[key] = (expires, value)
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def versioned_get(key: str):
    """The value kept under ``key`` (which names the version): this process's copy,
    else the cache's (then copied here for the cache's own lifetime: at most
    ``PAGE_CACHE_SECONDS``)."""
    value = local_get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            local_set(key, value, settings.PAGE_CACHE_SECONDS)
    return value


def versioned_set(key: str, value, timeout) -> None:
    cache.set(key, value, timeout)
    local_set(key, value, timeout)


@contextlib.contextmanager
def request_scope():
    """Read each kept value (and the version) once within the block: a request."""
    token = _read.set({})
    try:
        yield
    finally:
        _read.reset(token)


def new_pages_version() -> None:
    """Drop everything kept: every key changes (this request's reads too)."""
    read = _read.get()
    if read is not None:
        read.clear()
    try:
        cache.set(VERSION_KEY, time.time_ns(), None)
    except Exception:  # the cache is down: what it kept is unreachable too
        logger.warning("kept pages: could not draw a new version", exc_info=True)


def pages_version() -> int:
    """The keys' current version, read once a request (``request_scope``)."""
    read = _read.get()
    if read is not None and VERSION_KEY in read:
        return read[VERSION_KEY]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    if read is not None:
        read[VERSION_KEY] = version
    return version


def kept_until_pages_change(key: str, compute):
    """``compute()``, kept until a page, a site, an image or a document changes (or an
    app's model registered with ``page_cache_invalidate_on``): what every reader of a
    page shares, such as a course's outline or a page's translations. None is kept too
    (no such page): it is kept in a one-item tuple, as the cache says None for "not
    there"."""
    read = _read.get()
    try:
        full_key = f"page_data:{pages_version()}:{key}"
        if read is not None and full_key in read:
            return read[full_key][0]
        kept = versioned_get(full_key)
    except Exception:
        logger.warning("page cache: unreachable", exc_info=True)
        return compute()
    if kept is None:
        kept = (compute(),)
        try:
            versioned_set(full_key, kept, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("page cache: could not keep a value", exc_info=True)
    if read is not None:
        read[full_key] = kept
    return kept[0]
