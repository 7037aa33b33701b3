"""Authors write the questionnaire in Wagtail's editor: it goes under the level-2 page,
and one dimension must be the programme's "use of the data of the people served"."""

from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from lms.transition.assessment.models import SelfAssessmentPage
from tests.cohorts.builders import level2_course
from tests.factories import UserFactory


def questionnaire_form(data_use: str = "on", module=None):
    question = {
        "text": "Vos fichiers sont-ils sauvegardés ?",
        "help_text": "Pensez aux fichiers des personnes servies.",
        "levels": streamfield([("item", f"Niveau {n}") for n in range(1, 6)]),
    }
    return nested_form_data(
        {
            "title": "Autodiagnostic",
            "slug": "autodiagnostic",
            "intro": rich_text("<p>Un regard critique.</p>"),
            "dimensions": streamfield(
                [
                    (
                        "dimension",
                        {
                            "title": "Utilisation des données des personnes servies",
                            "description": "",
                            "data_use": data_use,
                            "questions": streamfield([("item", question)]),
                            "modules": streamfield(
                                [("item", module.pk)] if module is not None else []
                            ),
                        },
                    )
                ]
            ),
        }
    )


class AuthorWritesTheQuestionnaireTests(WagtailPageTestCase):
    def setUp(self):
        self.client.force_login(UserFactory(roles=["author"]))
        self.level = level2_course().get_parent()

    def test_an_author_creates_it_under_level_2(self):
        self.assertCanCreateAt(type(self.level.specific), SelfAssessmentPage)
        self.assertCanCreate(self.level, SelfAssessmentPage, questionnaire_form())

    def test_without_the_data_use_dimension_the_editor_says_why_in_french(self):
        url = reverse(
            "wagtailadmin_pages:add",
            args=["assessment", "selfassessmentpage", self.level.pk],
        )

        response = self.client.post(url, questionnaire_form(data_use=""))

        self.assertEqual(response.status_code, 200)
        # The error is in the editor's block data (JSON, accents escaped).
        self.assertContains(response, "La formation exige une dimension sur l")
        self.assertFalse(SelfAssessmentPage.objects.exists())
