from wagtail import hooks

from lms.page_cache import page_cache_allow


@hooks.register("before_serve_page")
def page_cache_allow_pages(page, request, serve_args, serve_kwargs):
    """A page may be kept for visitors without a session (``lms.page_cache`` decides,
    from the response, whether it is: no form, no cookie, not private)."""
    page_cache_allow(request)
