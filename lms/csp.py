"""The Content-Security-Policy's per-request parts, on top of django-csp.

The policy itself is ``CONTENT_SECURITY_POLICY`` in ``lms/settings/base.py``: scripts
from our own origin or carrying this response's nonce, nothing else. This module adds
what one response needs beyond it:

* every HTML response carries a nonce (django-csp only writes one when a template asked
  for it), so that no page answers with a policy weaker than the others;
* the nonce is reachable where Django renders without a request (form widgets: Wagtail's
  date pickers and choosers write an inline ``<script>``), through :func:`current_nonce`;
* the video players' hosts are allowed in frames only in a response that embeds a video
  (:func:`allow_video_frames`, called by the blocks that render one);
* the Wagtail admin's own needs, each said where it is relaxed.
"""

import re
from contextvars import ContextVar

from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser

#: The privacy-enhanced players ``content.blocks.PrivacyEmbedBlock`` loads on request.
VIDEO_FRAME_HOSTS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")

_request: ContextVar = ContextVar("csp_request", default=None)


def current_nonce() -> str:
    """The nonce of the response being rendered in this thread, or "" outside one."""
    request = _request.get()
    if request is None or not hasattr(request, "csp_nonce"):
        return ""
    return str(request.csp_nonce)


def allow_video_frames(request) -> None:
    """Let this response frame the video players' hosts (and only this one)."""
    if request is not None:
        request._csp_video_frames = True


#: The Wagtail admin, in French (no prefix) or in English (/en/).
_ADMIN = re.compile(r"^/(?:[a-z]{2}/)?admin/")


class NonceMiddleware:
    """Placed right after django-csp's middleware: draws the nonce for every request,
    exposes it to widget templates, and adds a response's own directives."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Drawn now, so that the header always carries it, used by a template or not.
        str(request.csp_nonce)
        token = _request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        update = dict(getattr(response, "_csp_update", None) or {})
        replace = dict(getattr(response, "_csp_replace", None) or {})
        if getattr(request, "_csp_video_frames", False):
            update["frame-src"] = [*update.get("frame-src", []), *VIDEO_FRAME_HOSTS]
        if _ADMIN.match(request.path_info):
            # Wagtail 8's admin writes style="" attributes in its templates and its
            # JavaScript (the focal point, the sidebar's width, Draftail's toolbar,
            # the comments' positions); they cannot carry a nonce. Scripts stay strict.
            update["style-src"] = [*update.get("style-src", []), "'unsafe-inline'"]
            # The multiple image upload previews each chosen file from a blob: address.
            update["img-src"] = [*update.get("img-src", []), "blob:"]
            if "/preview" in request.path_info:
                # The page editor shows its preview in a frame of the admin itself.
                replace["frame-ancestors"] = ["'self'"]
        if update:
            response._csp_update = update
        if replace:
            response._csp_replace = replace
        return response


def nonce_wagtail_choosers() -> None:
    """Give the inline script of Wagtail's chooser widgets (``new DocumentChooser(…)``,
    written by ``BaseChooser.render`` in Python, no template to override) this
    response's nonce. Called once, from ``LmsConfig.ready``."""
    render = BaseChooser.render
    if getattr(render, "csp_nonced", False):
        return

    def render_with_nonce(self, name, value, attrs=None, renderer=None):
        html = str(render(self, name, value, attrs, renderer))
        before, found, after = html.rpartition("<script>")
        if not found:
            return mark_safe(html)  # noqa: S308 - Wagtail's own output, unchanged
        nonce = escape(current_nonce())
        return mark_safe(f'{before}<script nonce="{nonce}">{after}')  # noqa: S308 - idem

    render_with_nonce.csp_nonced = True
    BaseChooser.render = render_with_nonce
