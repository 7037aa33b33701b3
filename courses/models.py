"""The pathway's pages, authored in Wagtail.

* The **pathway home** (accueil du parcours) is the site's root page: it introduces the
  programme and lists its levels.

The courses issue adds, under it, one page per level (sensibilisation, accélération,
innovation), the 12-week course and its modules, and the leadership lab.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class PathwayHomePage(Page):
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    # Level pages come with the courses issue.
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("pathway home")
