"""Pages whose context and response come from a view function of their own app.

A page model cannot import its app's views: the views import the models, and Django loads
models first. So a page names its view functions by dotted path, as Wagtail names page
types in ``subpage_types``, and they are looked up (once, then cached by
``import_string``) when a request comes.
"""

from django.utils.module_loading import import_string
from wagtail.models import PageViewRestriction

from lms.kept import kept_until_pages_change


class PageWithViews:
    """Mixin for a Wagtail ``Page``.

    * ``context_view``: ``f(request, page) -> dict``, merged into the template's context
      (also the admin's preview).
    * ``serve_view``: ``f(request, page, *args, **kwargs) -> response``, instead of
      Wagtail's ``serve`` (for a page that takes actions by POST).

    The view restrictions that apply to the page (its own and its ancestors', which
    Wagtail checks before serving it, in two queries) are kept until a page or a
    restriction changes.
    """

    context_view = ""
    serve_view = ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.context_view:
            context.update(import_string(self.context_view)(request, self))
        return context

    def get_view_restrictions(self):
        # A queryset as Wagtail's (its admin orders it); with no restriction, as for
        # almost every page, it runs no query at all.
        ids = kept_until_pages_change(
            f"view_restrictions:{self.pk}",
            lambda: list(
                super(PageWithViews, self).get_view_restrictions().values_list("pk", flat=True)
            ),
        )
        return PageViewRestriction.objects.filter(pk__in=ids)

    def serve(self, request, *args, **kwargs):
        if self.serve_view:
            return import_string(self.serve_view)(request, self, *args, **kwargs)
        return super().serve(request, *args, **kwargs)
