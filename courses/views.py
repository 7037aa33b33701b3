def serve_module(request, page, *args, **kwargs):  # replaced below in this issue
    from wagtail.models import Page

    return Page.serve(page, request, *args, **kwargs)
