import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import PathwayHomePage


class PathwayHomePageTests(WagtailPageTestCase):
    def test_home_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(PathwayHomePage, {Page})

    def test_home_is_created_by_the_migrations_in_french(self):
        home = PathwayHomePage.objects.get()
        self.assertEqual(home.locale.language_code, "fr")
        self.assertTrue(home.live)
        self.assertPageIsRenderable(home)


@pytest.mark.django_db
def test_home_invites_newcomers_to_sign_up(client):
    html = client.get("/").content.decode()
    assert "Parcours DATAide" in html
    assert 'href="/comptes/signup/"' in html
