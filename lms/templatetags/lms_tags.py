import functools

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import formats
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from wagtail.models import Page

from lms.accounts.roles import ROLES, role_permissions, user_roles_kept
from lms.kept import kept_until_pages_change

register = template.Library()


def _live_translations(page: Page) -> dict[str, Page]:
    """The page's live versions by language code, the page itself included (one query)."""
    found = Page.objects.filter(translation_key=page.translation_key, live=True).select_related(
        "locale"
    )
    versions = {version.locale.language_code: version for version in found}
    versions[page.locale.language_code] = page
    return versions


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in each language: its translation for a Wagtail page,
    the same view under the other language's prefix otherwise."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    path = request.get_full_path() if request else "/"
    links = []
    urls = {}
    if isinstance(page, Page) and page.pk:
        host = request.get_host() if request else ""
        urls = kept_until_pages_change(
            f"translations:{host}:{page.pk}",
            lambda: {
                code: version.get_url(request) for code, version in _live_translations(page).items()
            },
        )
    for code, name in settings.LANGUAGES:
        url = urls.get(code)
        if url is None:
            url = translate_url(path, code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"links": links}


@register.inclusion_tag("includes/parent_link.html", takes_context=True)
def parent_link(context, page):
    """The link up to a page's parent, in the reader's language (kept until pages
    change: three queries otherwise, the parent and its translation)."""
    request = context.get("request")
    language = get_language() or settings.LANGUAGE_CODE
    host = request.get_host() if request else ""

    def find():
        parent = page.get_parent().localized
        return {"url": parent.get_url(request), "title": parent.title}

    return kept_until_pages_change(f"parent_link:{host}:{page.pk}:{language}", find)


# The header's links follow the person's roles, read once a request (from the cache, or
# one query), rather than each link asking for a permission (Django then loads every
# permission the person holds, two queries) or a group of its own. The roles'
# permissions are in the code (``lms.accounts.roles``): the groups hold exactly those.


@functools.cache
def _role_grants(key: str) -> frozenset[str]:
    return frozenset(role_permissions(ROLES[key]))


def _roles(context) -> set[str]:
    user, request = context.get("user"), context.get("request")
    if user is None or not user.is_authenticated:
        return set()
    if request is None:
        return user_roles_kept(user)
    if not hasattr(request, "_dataide_roles"):
        request._dataide_roles = user_roles_kept(user)
    return request._dataide_roles


def _granted(context, permission: str) -> bool:
    user = context.get("user")
    if user is not None and user.is_authenticated and user.is_superuser:
        return True
    return any(permission in _role_grants(key) for key in _roles(context))


@register.simple_tag(takes_context=True)
def can_access_admin(context) -> bool:
    return _granted(context, "wagtailadmin.access_admin")


@register.simple_tag(takes_context=True)
def can_record_attendance(context) -> bool:
    return _granted(context, "webinars.change_attendance")


@register.simple_tag(takes_context=True)
def can_follow_cohorts(context) -> bool:
    """Facilitators and programme staff see the link to their cohorts."""
    user = context.get("user")
    if user is not None and user.is_authenticated and user.is_superuser:
        return True
    return bool(_roles(context) & {"facilitator", "staff"})


@register.simple_tag(takes_context=True)
def sits_on_committee(context) -> bool:
    """Selection committees' members see the link to their applications."""
    return "committee" in _roles(context)


@register.filter
def amount(value) -> str:
    """A whole number the reader's way: "5 000" in French (no-break space), "5,000" in
    English, so that amounts read alike on every page."""
    if value in (None, ""):
        return ""
    return formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


@register.filter
def content_lang(page) -> str:
    """` lang="fr"` on an element showing a page's own words (its title, its text) when
    they are in another language than the interface: an English reader of a page not
    translated yet reads French content inside an English interface, each marked."""
    interface = get_language() or settings.LANGUAGE_CODE
    language = getattr(page, "content_language", None)  # set by courses' localized_pages
    if language is None:
        if interface == settings.LANGUAGE_CODE:
            return ""  # a French reader is shown French pages
        language = getattr(getattr(page, "locale", None), "language_code", None)
    if not language or language == interface:
        return ""
    return mark_safe(f' lang="{conditional_escape(language)}"')  # noqa: S308


@register.simple_tag(takes_context=True)
def outline_weeks(context, outline) -> str:
    """A course's outline week by week, with the reader's status on each module when
    logged in, written at once: 24 modules went through a dozen template tags each."""
    request = context.get("request")
    user = context.get("user")
    show_status = user is not None and user.is_authenticated
    optional = format_html(" · {}", gettext("optional"))
    parts = []
    for week, rows in outline.weeks:
        items = []
        for row in rows:
            module = row.module
            items.append(
                format_html(
                    '<li class="module-row"><a href="{}"{}>{}</a>'
                    '<span class="module-meta">{} · {}{}</span>{}</li>',
                    module.get_url(request),
                    content_lang(module),
                    module.title,
                    module.get_kind_display(),
                    gettext("%(minutes)s min") % {"minutes": module.duration_minutes},
                    "" if module.required else optional,
                    _module_status(row) if show_status else "",
                )
            )
        parts.append(
            format_html(
                '<section class="week" aria-labelledby="semaine-{}"><h2 id="semaine-{}">{}</h2>'
                '<ul class="modules">{}</ul></section>',
                week,
                week,
                gettext("Week %(week)s") % {"week": week},
                mark_safe("".join(items)),  # noqa: S308 (each item built by format_html)
            )
        )
    if not parts:
        return format_html("<p>{}</p>", gettext("No module is published yet."))
    return mark_safe("".join(parts))  # noqa: S308 (each part built by format_html)


def _module_status(row) -> str:
    if row.status == "done":
        return format_html('<span class="tag tag-ok">{}</span>', gettext("Done"))
    if row.status == "in_progress":
        return format_html('<span class="tag tag-progress">{}</span>', gettext("In progress"))
    if row.status == "locked":
        return format_html(
            '<span class="tag tag-locked">{}</span>',
            gettext("Opens on %(date)s") % {"date": date_format(row.opens_on, "j F Y")},
        )
    return format_html('<span class="tag">{}</span>', gettext("Not started"))
