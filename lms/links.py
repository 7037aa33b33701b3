"""The platform's name and address, for everything read away from the site.

Every absolute link (in e-mails, allauth's included, in Wagtail's workflow e-mails, in
calendar files, on the certificate and its QR code) starts with
``settings.WAGTAILADMIN_BASE_URL``: one setting, which Wagtail itself reads for its own
e-mails and admin links, so no second one can disagree with it. Nothing is built from a
request's host, which a proxy, a test client or a demo port can get wrong.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings


@dataclass(frozen=True)
class PlatformSite:
    """What allauth's e-mails call ``current_site``: the platform's name and domain."""

    name: str
    domain: str


def base_url() -> str:
    """Return the platform's base address, without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """Return ``path`` (from ``reverse`` or a page's ``url``) as an absolute address."""
    return base_url() + path


def rebased_url(url: str) -> str:
    """Return ``url`` (built from a request) with the platform's base address instead."""
    parts = urlsplit(url)
    return absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


def platform_site() -> PlatformSite:
    """Return the platform's name and domain, as allauth's templates read them."""
    return PlatformSite(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(base_url()).netloc)
