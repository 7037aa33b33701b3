"""Writing the demo's Wagtail pages: published by their author, translated field by field."""

from wagtail.models import Locale, Page


def squash(text: str) -> str:
    """Return the text on one line with single spaces: the demo's long text is wrapped."""
    return " ".join(text.split())


def publish(parent: Page, page: Page, author) -> Page:
    page.owner = author
    parent.add_child(instance=page)
    page.save_revision(user=author).publish(user=author)
    return page


def translate(page: Page, locale: Locale, fields: dict, author) -> Page:
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, squash(value) if isinstance(value, str) else value)
    translation.owner = author
    translation.save_revision(user=author).publish(user=author)
    return translation
