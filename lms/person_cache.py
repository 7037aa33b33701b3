"""A logged-in person's pages, kept for that person alone until what they show changes.

A learner going back and forth between the course page, a module and "Mon parcours"
asks for pages that change only when they act (an answer, a completion, a
registration) or when someone changes what everybody sees. Such a page is rendered
once, kept in the cache under a key naming the person, the address, the language and
the versions of everything it shows, and served from there until one of them changes:

* the pages' version (``lms.kept``): a page published, moved, a site or image changed;
* the person's version: any row of a model that concerns that person alone
  (``person_cache_scope``: their completions, answers, replay progress, consents…);
* the version of each tag the page names (``webinar-seats``: anyone's registration
  changes the seats left shown to everyone);
* the shared version: a write to any other model of the platform's apps (a cohort's
  calendar, an eligibility, a call, a plan, a person's groups…). Nothing has to be
  declared for a page to stay right: a model nobody declared drops every kept page.

Writes that bypass ``save()`` say so too: a queryset's ``update``, ``bulk_create`` and
``bulk_update`` by themselves, SQL of our own with ``person_cache_changed``. Versions
change at once and again once the write's transaction commits, so a page rendered from
the data before the commit is not served after it.

A kept copy lives at most its view's ``seconds``: what depends on the clock alone (a
meeting link shown fifteen minutes before a session, a call that closes) is at most
that late. It is served to the same person only (the key names the user), and never
when a message waits to be shown; the CSRF token is put back fresh for the device
(a kept body holds a placeholder where any token of the request was), and so is the
Content-Security-Policy nonce. When the cache is unreachable, pages are rendered.
"""

import functools
import hashlib
import logging
import re
import time
import uuid

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import translation
from django.utils.cache import patch_cache_control

from lms.kept import VERSION_KEY

logger = logging.getLogger(__name__)

#: Stand for the request's CSRF token, CSP nonce and fresh key in a kept body.
CSRF_PLACEHOLDER = "csrf-token-5b1d9e07"
NONCE_PLACEHOLDER = "csp-nonce-0e6a1f2c"
FRESH_PLACEHOLDER = "fresh-key-2f8c61b4"

SHARED = "shared"
_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")

#: The platform's own apps: a write to one of their models changes what pages show.
OWN_APPS = ("lms", "courses", "cohorts", "webinars", "content")

#: model → (function(row, update_fields) → person ids or None, tag names).
_scoped: dict = {}
#: Models whose writes show on no person's page (the outbox, reminders sent…).
_ignored: set = set()


def person_cache_scope(model, persons, tags=()) -> None:
    """Say that a row of ``model`` shows only on the pages of its person, named by
    ``persons``: a field (``"learner"``), or a function ``persons(row, update_fields)``
    giving ids (None when this write shows to others too); and on pages naming one of
    ``tags``. Its writes change nothing else."""
    if isinstance(persons, str):
        attname = model._meta.get_field(persons).attname
        _scoped[model] = (lambda row, _fields: [getattr(row, attname)], tuple(tags))
    else:
        _scoped[model] = (persons, tuple(tags))


def person_cache_ignore(*models) -> None:
    """Say that rows of ``models`` show on no page a person is served."""
    _ignored.update(models)


def person_cache_changed(model, persons=None) -> None:
    """Say that rows of ``model`` were written without ``save()`` or ``delete()``, for
    ``persons`` (ids) when the model concerns its persons alone. Querysets' ``update``,
    ``bulk_create`` and ``bulk_update`` say it themselves (``person_cache_connect``);
    a write in SQL of our own (``lms.bulk``) calls it."""
    if model in _ignored or not _own(model):
        return
    if model in _scoped and persons is not None:
        _bump([_person_key(pk) for pk in persons if pk] + _tag_keys(_scoped[model][1]))
    else:
        _bump([_tag_key(SHARED)])


def persons_changed(person_ids) -> None:
    """Drop every page kept for these persons (ids)."""
    _bump([_person_key(pk) for pk in person_ids])


def _person_key(pk) -> str:
    return f"person_cache:person:{pk}"


def _tag_key(tag: str) -> str:
    return f"person_cache:tag:{tag}"


def _tag_keys(tags) -> list[str]:
    return [_tag_key(tag) for tag in tags]


def _bump(keys: list[str]) -> None:
    """New versions now (this transaction's own later reads) and again once the write
    commits (a page another request rendered in between, from the data as it was, was
    kept under versions that are gone by then)."""
    if not keys:
        return
    _set_versions(keys)
    if transaction.get_connection().in_atomic_block:  # else committed already
        transaction.on_commit(functools.partial(_set_versions, keys))


def _set_versions(keys: list[str]) -> None:
    try:
        cache.set_many(dict.fromkeys(keys, time.time_ns()), None)
    except Exception:  # the cache is down: what it kept is unreachable too
        logger.warning("person cache: could not draw new versions", exc_info=True)


@functools.cache
def _own(model) -> bool:
    return model.__module__.split(".")[0] in OWN_APPS


def _on_write(sender, instance=None, **kwargs) -> None:
    scoped = _scoped.get(sender)
    # None when undeclared, or when this write shows to others too: every page goes.
    persons = scoped[0](instance, kwargs.get("update_fields")) if scoped else None
    person_cache_changed(sender, persons)


def _on_m2m(sender, instance=None, action="", model=None, **kwargs) -> None:
    if action.startswith("post_") and (_own(type(instance)) or _own(model)):
        _bump([_tag_key(SHARED)])


def person_cache_connect() -> None:
    """Listen to every write of the platform's models (``ready()``)."""
    post_save.connect(_on_write, weak=False, dispatch_uid="person_cache_save")
    post_delete.connect(_on_write, weak=False, dispatch_uid="person_cache_delete")
    m2m_changed.connect(_on_m2m, weak=False, dispatch_uid="person_cache_m2m")
    _watch_bulk_writes()
    # A sign-in writes the date of the last one: that shows to nobody else.
    person_cache_scope(get_user_model(), _user_itself)


def _watch_bulk_writes() -> None:
    """Make a queryset's ``update``, ``bulk_create`` and ``bulk_update``, which send no
    signal, say what they wrote (which persons, they cannot tell: every kept page goes).
    Django's own ``save()`` does not go through them."""
    for name in ("update", "bulk_create", "bulk_update"):
        method = getattr(QuerySet, name)
        if getattr(method, "person_cache_watched", False):
            continue

        @functools.wraps(method)
        def watched(self, *args, _method=method, **kwargs):
            result = _method(self, *args, **kwargs)
            person_cache_changed(self.model)
            return result

        watched.person_cache_watched = True
        setattr(QuerySet, name, watched)


def _user_itself(user, update_fields):
    if update_fields and set(update_fields) <= {"last_login"}:
        return [user.pk]
    return None  # a name or a role others may see


def _versions(user_id, tags) -> dict:
    """The versions a person's page is kept under, the pages' one included, read at
    once."""
    keys = [VERSION_KEY, _person_key(user_id), _tag_key(SHARED), *_tag_keys(tags)]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, time.time_ns(), None)
        found.update(cache.get_many(missing))
    return found


def _key(request, tags) -> str:
    versions = _versions(request.user.pk, tags)
    named = "|".join(f"{key}={versions.get(key)}" for key in sorted(versions))
    where = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(f"{named}|{where}".encode()).hexdigest()
    return f"person_page:{request.user.pk}:{translation.get_language()}:{digest}"


def _candidate(request) -> bool:
    return (
        settings.PERSON_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and request.user.is_authenticated
        and not len(getattr(request, "_messages", ()))
    )


def _storable(request, response) -> bool:
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and "no-store" not in response.get("Cache-Control", "")
    )


def kept_for_person(request, render, *, seconds: int, tags=(), keep_if=None):
    """``render()``'s response, or the copy kept for this person, address and versions
    (kept when ``keep_if()``, if given, says so after rendering)."""
    if not _candidate(request):
        return render()
    try:
        key = _key(request, tags)
        entry = cache.get(key)
    except Exception:
        logger.warning("person cache: unreachable", exc_info=True)
        return render()
    if entry is not None:
        return response_from_entry(request, entry)
    response = render()
    if _storable(request, response) and (keep_if is None or keep_if()):
        patch_cache_control(response, private=True)
        if getattr(response, "is_rendered", True):
            _keep(key, request, response, seconds)
        else:  # a TemplateResponse: kept once rendered
            response.add_post_render_callback(
                lambda rendered: _keep(key, request, rendered, seconds)
            )
    return response


def person_page(seconds: int, tags=()):
    """Keep a view's GET responses for each person (see the module)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            return kept_for_person(
                request, lambda: view(request, *args, **kwargs), seconds=seconds, tags=tags
            )

        return wrapped

    return decorator


def fresh_key(request) -> str:
    """A key unique to this response (a form's idempotency key: the same key twice is
    one request): each time a kept copy is served, it holds a new one."""
    key = uuid.uuid4().hex
    request.__dict__.setdefault("_person_cache_fresh", []).append(key)
    return key


def page_kept_for_person(label: str):
    """What a Wagtail page type says of its pages for logged-in persons: ``(seconds,
    tags)`` when they may be kept (``person_cache_seconds`` on the model), else None."""
    model = apps.get_model(label)
    seconds = getattr(model, "person_cache_seconds", 0)
    if not seconds:
        return None
    return seconds, tuple(getattr(model, "person_cache_tags", ()))


def response_from_entry(request, entry: dict) -> HttpResponse:
    """A kept response (``entry_from_response``) with this request's own nonce, CSRF
    token and fresh key."""
    content = entry["content"].replace(NONCE_PLACEHOLDER, str(request.csp_nonce))
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request))
    if FRESH_PLACEHOLDER in content:
        content = content.replace(FRESH_PLACEHOLDER, uuid.uuid4().hex)
    response = HttpResponse(content.encode(), status=200)
    for header, value in entry["headers"]:
        response[header] = value
    response["Content-Length"] = str(len(response.content))
    if entry["video_frames"]:
        request._csp_video_frames = True
    return response


def _without_tokens(request, content: str) -> str:
    """The body with the request's CSRF tokens (each masked differently) replaced."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return content

    def replace(match):
        token = match.group(0)
        return CSRF_PLACEHOLDER if _unmask_cipher_token(token) == secret else token

    return _TOKEN.sub(replace, content)


def entry_from_response(request, response) -> dict:
    """What is kept of a rendered response: its body with placeholders where the
    request's own nonce, CSRF tokens and fresh keys were, and its headers."""
    content = response.content.decode(response.charset)
    content = content.replace(str(request.csp_nonce), NONCE_PLACEHOLDER)
    for fresh in getattr(request, "_person_cache_fresh", ()):
        content = content.replace(fresh, FRESH_PLACEHOLDER)
    return {
        "content": _without_tokens(request, content),
        "headers": [(h, v) for h, v in response.items() if h != "Content-Length"],
        "video_frames": getattr(request, "_csp_video_frames", False),
    }


def _keep(key: str, request, response, seconds: int) -> None:
    entry = entry_from_response(request, response)
    try:
        cache.set(key, entry, seconds)
    except Exception:
        logger.warning("person cache: could not keep a page", exc_info=True)
