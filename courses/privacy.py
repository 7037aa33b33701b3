"""What the courses app keeps about people (the privacy registry, ``lms.privacy``)."""

from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Basis, Erasure, PersonalData, authored_page, register

register(
    *(
        authored_page(f"courses.{name}")
        for name in ("PathwayHomePage", "LevelPage", "CoursePage", "ModulePage")
    ),
    PersonalData(
        model="courses.ModuleCompletion",
        label=_("The modules you completed"),
        purpose=_("To show your progress and decide when you completed a level."),
        basis=Basis.NECESSITY,
        retention=_("As long as your account exists."),
        seen_by=_(
            "You; your cohort's facilitators; the DATAide team; your organisation's contact "
            "people, with your name only if you consent to it."
        ),
        person_fields=("learner",),
        export_fields=("module_title", "completed_at", "source"),
        erasure=Erasure.DELETE,
        order=30,
    ),
    PersonalData(
        model="courses.ActivityResponse",
        label=_("Your answers to the reflections, checklists and quizzes"),
        purpose=_("To keep your work from one visit to the next and show you your results."),
        basis=Basis.NECESSITY,
        retention=_("As long as your account exists."),
        seen_by=_("You only."),
        person_fields=("learner",),
        export_fields=("module", "kind", "answer_html", "data", "updated_at"),
        erasure=Erasure.DELETE,
        order=30,
    ),
    PersonalData(
        model="courses.ModuleFeedback",
        label=_("Your feedback on the modules and webinars"),
        purpose=_("To improve the content."),
        basis=Basis.NECESSITY,
        retention=_("As long as your account exists."),
        seen_by=_("The authors and the DATAide team; your name only if you ticked it."),
        person_fields=("learner",),
        export_fields=("module", "rating", "comment", "show_name", "created_at"),
        erasure=Erasure.DELETE,
        order=30,
    ),
    PersonalData(
        model="courses.RequestKey",
        label=_("Technical keys of your requests"),
        purpose=_("So that a request sent twice (a double click) is recorded once."),
        basis=Basis.NECESSITY,
        retention=_("As long as your account exists."),
        seen_by=_("No one (technical)."),
        person_fields=("learner",),
        export_fields=("created_at",),
        erasure=Erasure.DELETE,
        order=10,
    ),
)
