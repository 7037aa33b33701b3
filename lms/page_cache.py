"""Public pages served whole from the cache to visitors without a session, and every
page found without walking the page tree.

A visitor who is not logged in sees the same home, level, course or webinar page as
every other: the page is rendered once, kept in the cache (``PAGE_CACHE_SECONDS``), and
served from there without opening a session, reading a user or routing through the page
tree. What makes a page differ from one person to another keeps it out:

* only a Wagtail page (``page_cache_allow``, from the ``before_serve_page`` hook), asked
  for with GET, without a query string (nobody fills the cache with made-up addresses),
  by a request carrying no session and no message cookie;
* only a 200 response in HTML that sets no cookie (a form's CSRF token sets one, so a
  page with a form for visitors is never kept) and is not marked private;
* the response's Content-Security-Policy nonce is put back fresh on every hit (the
  cached body keeps a placeholder), so no two responses share a nonce.

Everything kept is dropped at once (a new version of the keys) when a page is
published, unpublished, moved or deleted, and when an app says a model shown on its
public pages changed (``page_cache_invalidate_on``), after the change's transaction
commits. The cache's lifetime bounds what depends on the clock alone.

The middleware sits right after ``lms.csp.NonceMiddleware``; when the cache is
unreachable, pages are rendered as if it were empty.

For everyone, logged in or not, ``serve_page`` (Wagtail's serve view, under its own name)
finds the page an address leads to from the cache: which site and which page, read with
one query instead of a walk from the site's root, one level at a time. Only a page
reached whole by its address is kept (not a sub-route with arguments); access rules are
Wagtail's, applied after, as always. The same changes drop what is kept.
"""

import functools
import logging

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import Resolver404, resolve
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.url_routing import RouteResult
from wagtail.views import serve

from lms.kept import (
    new_pages_version,
    pages_version,
    request_scope,
    versioned_get,
    versioned_set,
)
from lms.person_cache import (
    entry_from_response,
    kept_for_person,
    page_kept_for_person,
    response_from_entry,
)

logger = logging.getLogger(__name__)


def page_cache_allow(request) -> None:
    """Say that this request is for a page every visitor without a session sees alike."""
    request._page_cache_allowed = True


def page_cache_invalidate() -> None:
    """Drop every kept page now, and again once the current transaction commits (a
    page rendered from the data before the commit may have been kept in between)."""
    new_pages_version()
    transaction.on_commit(new_pages_version)


def page_cache_invalidate_on(*models) -> None:
    """Drop every kept page when a row of one of ``models`` is saved or deleted."""
    for model in models:
        post_save.connect(_on_change, sender=model, weak=False)
        post_delete.connect(_on_change, sender=model, weak=False)


def _on_change(sender, **kwargs) -> None:
    page_cache_invalidate()


def _on_delete(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, Page):
        page_cache_invalidate()


def page_cache_connect() -> None:
    """Listen to Wagtail's changes of pages, sites, images and documents (``ready()``)."""
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_change, weak=False)
    post_delete.connect(_on_delete, weak=False)
    page_cache_invalidate_on(
        Site, Locale, PageViewRestriction, get_image_model(), get_document_model()
    )


def _candidate(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and _leads_to_a_page(request)
    )


def _leads_to_a_page(request) -> bool:
    """Whether the address is one Wagtail serves (``serve_page``): any other view, the
    admin included, goes its way without asking the cache."""
    path = request.path_info
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(path, getattr(request, "urlconf", None))
        except Resolver404:
            return False
    return match.func is serve_page


def _storable(request, response) -> bool:
    return (
        request.method == "GET"
        and getattr(request, "_page_cache_allowed", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
        and not request.user.is_authenticated
    )


class AnonymousPageCacheMiddleware:
    """Serve the kept copy of a public page to a visitor without a session; for every
    request, read each kept value once (``lms.kept.request_scope``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope():
            return self._respond(request)

    def _respond(self, request):
        if not _candidate(request):
            return self.get_response(request)
        try:
            key = f"page_cache:{pages_version()}:{request.get_host()}:{request.path}"
            entry = versioned_get(key)
        except Exception:
            logger.warning("page cache: unreachable", exc_info=True)
            return self.get_response(request)
        if entry is not None:
            return response_from_entry(request, entry)
        response = self.get_response(request)
        if _storable(request, response):
            self._keep(key, request, response)
        return response

    def _keep(self, key: str, request, response) -> None:
        entry = entry_from_response(request, response)
        try:
            versioned_set(key, entry, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("page cache: could not keep a page", exc_info=True)


def serve_page(request, path):
    """Wagtail's ``serve``, with the address's site and page read from the cache."""
    try:
        key = f"page_route:{pages_version()}:{request.get_host()}:{request.path}"
        kept = versioned_get(key)
    except Exception:
        logger.warning("page cache: unreachable", exc_info=True)
        return serve(request, path)
    if kept is None:
        response = serve(request, path)
        _keep_route(key, request)
        return response
    for_person = request.user.is_authenticated and page_kept_for_person(kept[1])
    if for_person:
        seconds, tags = for_person
        return kept_for_person(
            request,
            lambda: _serve_route(request, path, kept),
            seconds=seconds,
            tags=tags,
            keep_if=lambda: _unrestricted(request),
        )
    return _serve_route(request, path, kept)


def _serve_route(request, path, kept):
    site, label, pk = kept
    model = apps.get_model(label)
    page = model.objects.filter(pk=pk, live=True).select_related(*_media_fields(model)).first()
    if page is not None:
        # Where Wagtail looks first for the request's site and route.
        request._wagtail_site = site
        request._wagtail_route_for_request = RouteResult(page)
    return serve(request, path)


def _unrestricted(request) -> bool:
    """Whether the page served has no view restriction (a password passed on one
    device must not open it on another): only such pages are kept for a person."""
    route = getattr(request, "_wagtail_route_for_request", None)
    return route is not None and not route.page.get_view_restrictions().exists()


@functools.cache
def _media_fields(model) -> tuple[str, ...]:
    """The page type's links to documents and images (a webinar's replay, its captions,
    its slides), read with the page rather than one query each."""
    media = (get_document_model(), get_image_model())
    return tuple(
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model in media
    )


def _keep_route(key: str, request) -> None:
    route = getattr(request, "_wagtail_route_for_request", None)
    if route is None or route.args or route.kwargs:
        return
    site = getattr(request, "_wagtail_site", None)
    try:
        versioned_set(
            key, (site, route.page._meta.label, route.page.pk), settings.PAGE_CACHE_SECONDS
        )
    except Exception:
        logger.warning("page cache: could not keep a route", exc_info=True)
