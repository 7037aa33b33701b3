"""French first, English as a translation: the helpers every page type shares.

French is the source language. English pages are Wagtail translations of the French ones
(same ``translation_key``); what a learner records points at the French page, and an
English reader falls back to the French page wherever a translation is missing.
"""

from django.conf import settings
from django.http import Http404
from django.utils import translation
from wagtail.models import Locale, Page

from lms.kept import kept_until_pages_change


class FrenchFallbackMixin:
    """Route to the French page when a path has no translation in the reader's language.

    An English reader who reaches a page not yet translated reads it in French, with the
    interface still in English, instead of a 404.
    """

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components or self.locale_id == Locale.get_default().pk:
                raise
            source = self.get_translation_or_none(Locale.get_default())
            if source is None:
                raise
            return source.specific.route(request, path_components)


def default_locale_id() -> int:
    """The French locale's id, which every page's locale is compared with (kept until
    pages or locales change, rather than read for each page)."""
    return kept_until_pages_change("default_locale_id", lambda: Locale.get_default().pk)


def source_page(page: Page) -> Page:
    """Return the French (source) version of a page: what learners' records point at."""
    if page.locale_id == default_locale_id():
        return page
    source = page.get_translation_or_none(Locale.get_default())
    return source.specific if source is not None else page


def localized_pages(pages: list[Page], language: str | None = None) -> list[Page]:
    """Return each page's live translation in ``language``, or the page itself (French).

    One query for the lot; it is how a learner reading in English falls back to French
    wherever a translation is missing.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    pages = list(pages)
    if not pages or language == settings.LANGUAGE_CODE:
        return pages
    translations = {
        p.translation_key: p
        for p in Page.objects.live()
        .filter(
            translation_key__in=[p.translation_key for p in pages],
            locale__language_code=language,
        )
        .specific()
    }
    shown = []
    for page in pages:
        translated = translations.get(page.translation_key)
        if translated is None:
            # Read in French under another interface language: templates mark its words.
            page.content_language = settings.LANGUAGE_CODE
        shown.append(translated or page)
    return shown
