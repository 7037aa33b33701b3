"""Authors build the pathway in the Wagtail admin: every page type, and the refusals."""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import CoursePage, LevelPage, ModulePage, PathwayHomePage
from lms.transition.assessment.models import SelfAssessmentPage
from tests.factories import UserFactory, course_page, home_page, level_page
from webinars.models import WebinarPage


def module_form(**overrides):
    data = {
        "title": "Culture des données",
        "slug": "culture-des-donnees",
        "week": 1,
        "kind": "learning",
        "duration_minutes": 60,
        "required": "on",
        "objectives": rich_text("<ul><li>Comprendre</li></ul>"),
        "body": streamfield(
            [
                ("text", rich_text("<p>Bonjour</p>")),
                (
                    "quiz",
                    {
                        "question": "Vrai ?",
                        "multiple": "",
                        "choices": streamfield(
                            [
                                ("item", {"text": "Oui", "correct": "on"}),
                                ("item", {"text": "Non", "correct": ""}),
                            ]
                        ),
                        "explanation": rich_text("<p>Parce que.</p>"),
                    },
                ),
            ]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


class AuthorCreatesPagesTests(WagtailPageTestCase):
    def setUp(self):
        self.author = UserFactory(roles=["author"])
        self.client.force_login(self.author)

    def test_the_tree_only_allows_the_programmes_shape(self):
        self.assertAllowedSubpageTypes(PathwayHomePage, {LevelPage})
        # The self-assessment adds itself from above (lms.transition.assessment).
        self.assertAllowedSubpageTypes(LevelPage, {CoursePage, WebinarPage, SelfAssessmentPage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedSubpageTypes(ModulePage, set())
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertCanNotCreateAt(Page, ModulePage)

    def test_author_creates_a_level(self):
        self.assertCanCreate(
            home_page(),
            LevelPage,
            nested_form_data(
                {
                    "title": "Accélération",
                    "number": 2,
                    "intro": rich_text(""),
                    "audience": rich_text("<p>180 organismes</p>"),
                    "bursary_name": "Bourse d'accélération",
                    "bursary_ceiling": 15000,
                    "completion": rich_text("<p>Tous les modules obligatoires</p>"),
                }
            ),
        )

    def test_author_creates_a_course(self):
        self.assertCanCreate(
            level_page(),
            CoursePage,
            nested_form_data(
                {
                    "title": "Formation de 12 semaines",
                    "format": "course",
                    "intro": rich_text(""),
                    "duration_weeks": 12,
                    "lock_by_week": "",
                    "starts_on": "",
                }
            ),
        )

    def test_author_creates_a_module_with_blocks(self):
        self.assertCanCreate(course_page(), ModulePage, module_form())
        module = ModulePage.objects.get(slug="culture-des-donnees")
        self.assertEqual([b.block_type for b in module.body], ["text", "quiz"])

    def test_an_invalid_quiz_is_refused_at_save_time_with_a_clear_message(self):
        course = course_page()
        data = module_form()
        data["body-1-value-choices-1-value-correct"] = "on"  # two correct, single choice
        with self.settings(LANGUAGE_CODE="fr"):
            response = self.client.post(
                reverse("wagtailadmin_pages:add", args=("courses", "modulepage", course.pk)),
                {**data, "action-publish": "action-publish"},
            )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ModulePage.objects.filter(slug="culture-des-donnees").exists())
        errors = str(response.context["form"].errors["body"].as_data()[0].as_json_data())
        self.assertIn("une seule bonne réponse", errors)

    def test_a_week_beyond_52_is_refused(self):
        course = course_page()
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=("courses", "modulepage", course.pk)),
            {**module_form(week=60), "action-publish": "action-publish"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ModulePage.objects.exists())

    def test_preview_shows_what_a_learner_sees(self):
        course = course_page()
        self.assertCanCreate(course, ModulePage, module_form())
        module = ModulePage.objects.get(slug="culture-des-donnees")
        preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(module.pk,))
        response = self.client.post(preview_url, module_form(title="Titre révisé"))
        self.assertEqual(response.json()["is_valid"], True)
        response = self.client.get(preview_url)
        self.assertContains(response, "Titre révisé")
        self.assertContains(response, "Vrai ?")
        self.assertContains(response, "Parce que.")
        self.assertNotContains(response, 'name="action" value="complete"')

    def test_every_page_type_renders_for_a_learner(self):
        course = course_page()
        self.assertCanCreate(course, ModulePage, module_form())
        course.refresh_from_db()
        for page in (home_page(), course.get_parent(), course, course.get_children().first()):
            self.assertPageIsRenderable(page.specific)


class PreviewAndSchedulingTests(WagtailPageTestCase):
    def setUp(self):
        self.author = UserFactory(roles=["author"])
        self.client.force_login(self.author)

    def preview(self, page, data):
        url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
        self.assertEqual(self.client.post(url, data).json()["is_valid"], True)
        return self.client.get(url)

    def test_every_page_type_previews(self):
        course = course_page()
        level = course.get_parent().specific
        cases = [
            (home_page(), {"title": "Accueil révisé", "slug": "accueil", "intro": rich_text("")}),
            (
                level,
                {
                    "title": "Niveau révisé",
                    "slug": level.slug,
                    "number": 2,
                    "intro": rich_text(""),
                    "audience": rich_text("<p>Pour tous</p>"),
                    "bursary_name": "Bourse",
                    "bursary_ceiling": 15000,
                    "completion": rich_text("<p>Finir</p>"),
                },
            ),
            (
                course,
                {
                    "title": "Formation révisée",
                    "slug": course.slug,
                    "format": "course",
                    "intro": rich_text(""),
                    "duration_weeks": 12,
                    "starts_on": "",
                },
            ),
        ]
        for page, data in cases:
            response = self.preview(page, nested_form_data(data))
            self.assertContains(response, data["title"])

    def test_scheduled_publishing_waits_for_its_time(self):
        from datetime import timedelta

        from django.core.management import call_command
        from django.utils import timezone
        from wagtail.models import Revision

        course = course_page()
        later = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=("courses", "modulepage", course.pk)),
            {**module_form(go_live_at=later), "action-publish": "action-publish"},
        )
        self.assertEqual(response.status_code, 302)
        module = ModulePage.objects.get(slug="culture-des-donnees")
        self.assertFalse(module.live)

        # Two hours pass.
        past = timezone.now() - timedelta(minutes=1)
        for revision in Revision.objects.filter(object_id=str(module.pk)):
            revision.content["go_live_at"] = past.isoformat()
            revision.approved_go_live_at = past
            revision.save()
        ModulePage.objects.filter(pk=module.pk).update(go_live_at=past)
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
        module.refresh_from_db()
        self.assertTrue(module.live)
