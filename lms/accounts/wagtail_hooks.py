from wagtail.snippets.models import register_snippet

from lms.accounts.viewsets import PeopleGroup

register_snippet(PeopleGroup)
