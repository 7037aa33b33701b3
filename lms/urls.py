from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path, reverse_lazy
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cohorts import urls as cohorts_urls
from lms import views
from lms.accounts import urls as accounts_urls
from lms.media import serve_media
from lms.page_cache import serve_page
from lms.pathway import urls as pathway_urls
from webinars import urls as webinars_urls
from webinars import views as webinars_views


class SiteLoginRedirect(RedirectView):
    """Send another login form (Wagtail admin's, Wagtail's private pages') to the site's
    one login, with its ``next``: one throttle, one e-mail confirmation check."""

    url = reverse_lazy("account_login")
    query_string = True


urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("documents/", include(wagtaildocs_urls)),
    # Called by the replay player's script, in any language.
    path(
        "webinaires/<int:page_id>/rediffusion/",
        webinars_views.replay_progress,
        name="webinars_replay_progress",
    ),
]

# French, the default, has no prefix; English lives under /en/.
urlpatterns += i18n_patterns(
    path("admin/login/", SiteLoginRedirect.as_view(), name="admin_login_redirect"),
    # Wagtail's front-end login (private pages) would otherwise answer without throttling
    # or e-mail confirmation. Its password reset is the admin's, disabled in settings.
    path("_util/login/", SiteLoginRedirect.as_view(), name="wagtailcore_login_redirect"),
    path("admin/", include(wagtailadmin_urls)),
    path("comptes/", include(accounts_urls)),
    path("comptes/", include("lms.privacy.rights.urls")),
    path("comptes/", include("allauth.urls")),
    path("webinaires/", include(webinars_urls)),
    path("cohortes/", include(cohorts_urls)),
    path("parcours/", include(pathway_urls)),
    path("cohortes/", include("cohorts.messages.urls")),
    path("autodiagnostic/", include("lms.transition.assessment.urls")),
    path("plan-de-transition/", include("lms.transition.plan.urls")),
    path("candidatures/", include("lms.selection.urls")),
    path("confidentialite/", include("lms.privacy.urls")),
    # Wagtail's serve view, finding the page from the cache (lms.page_cache); Wagtail's
    # own addresses under _util/ stay its own.
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", serve_page, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    # Uploaded videos and documents, with byte ranges (lms/media.py): the embedded
    # default and a production without a web server in front.
    urlpatterns = [
        re_path(r"^media/(?P<path>.+)$", serve_media, name="media"),
        *urlpatterns,
    ]
