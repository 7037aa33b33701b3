"""The notice that asks a person to review their consents after a new policy version."""

from django import template
from django.urls import reverse

from lms.privacy.selectors import consent_review_needed, policy_version

register = template.Library()


@register.inclusion_tag("privacy/includes/review_notice.html", takes_context=True)
def privacy_review_notice(context):
    """Show the notice to a logged-in person whose consents answer an older policy (at most
    one query: the settings, which Wagtail keeps on the request; the answer is cached)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    review_url = reverse("privacy_consents")
    if request.path == review_url:
        return {"show": False}
    version = policy_version(request=request)
    return {
        "show": consent_review_needed(person=user, version=version),
        "review_url": review_url,
    }
