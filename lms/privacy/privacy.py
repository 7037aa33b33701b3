"""The privacy app's own records, and the models of the libraries the platform uses
(Wagtail, allauth, Django's admin and sessions), in the privacy registry."""

from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Basis, Erasure, PersonalData, register

#: The reason shown for the administration's history (pages, images, documents).
_ADMIN_HISTORY = _(
    "The history of the programme's content says who did what; once your account is erased, "
    "it points to an account that names no one."
)
#: Technical rows that served only you in the administration.
_ADMIN_ONLY = {
    "basis": Basis.NECESSITY,
    "retention": _("As long as your account exists."),
    "seen_by": _("You only."),
    "erasure": Erasure.DELETE,
    "order": 60,
}


def _admin_history(model: str, label, actor_fields: tuple[str, ...]) -> PersonalData:
    return PersonalData(
        model=model,
        label=label,
        purpose=_("To keep the history of the programme's content."),
        basis=Basis.NECESSITY,
        retention=_("As long as the content exists."),
        seen_by=_("The authors and the DATAide team, in the administration."),
        actor_fields=actor_fields,
        erasure=Erasure.KEEP,
        keep_reason=_ADMIN_HISTORY,
    )


register(
    # This app's records.
    PersonalData(
        model="privacy.Consent",
        label=_("Your consents"),
        purpose=_(
            "To know what you agreed to, and when, for each optional purpose: sharing your "
            "named progress with your organisation's contact people; your organisation "
            "sharing its self-assessment with its facilitators; receiving the programme's "
            "news. Every change is kept, with the policy's version."
        ),
        basis=Basis.NECESSITY,
        retention=_("As long as your account exists."),
        seen_by=_("You; the DATAide team."),
        person_fields=("person",),
        export_fields=("purpose", "given", "policy_version", "given_at", "withdrawn_at"),
        erasure=Erasure.DELETE,
        order=10,
    ),
    PersonalData(
        model="privacy.DataExport",
        label=_("Your downloads of your data"),
        purpose=_("To prepare the file of your data and give it to you once."),
        basis=Basis.NECESSITY,
        retention=_("The file: until it is downloaded or expires; the row: one day after."),
        seen_by=_("You only."),
        person_fields=("person",),
        export_fields=("status", "requested_at", "ready_at", "downloaded_at"),
        erasure=Erasure.DELETE,
        retention_days=1,
        retention_field="expires_at",
        order=10,
    ),
    PersonalData(
        model="privacy.AccountErasure",
        label=_("Your request to erase your account"),
        purpose=_("To carry out the erasure in steps, and prove it was done."),
        basis=Basis.NECESSITY,
        retention=_("Until the programme's accounts are closed."),
        seen_by=_("The DATAide team."),
        person_fields=("person",),
        actor_fields=("requested_by_staff",),
        export_fields=("status", "requested_at", "erase_after", "completed_at"),
        erasure=Erasure.KEEP,
        keep_reason=_(
            "The proof that the erasure was done: it points to an account that names no one."
        ),
        order=1100,
    ),
    PersonalData(
        model="privacy.ConfidentialityIncident",
        label=_("The register of confidentiality incidents"),
        purpose=_("Required by Quebec's Law 25 (s. 3.8): who recorded an incident."),
        basis=Basis.NECESSITY,
        retention=_("At least five years after the incident became known."),
        seen_by=_("The person in charge of the protection of personal information."),
        actor_fields=("recorded_by",),
        erasure=Erasure.KEEP,
        keep_reason=_("The register must stay whole (Law 25, s. 3.8)."),
    ),
    # Wagtail: the administration's history and the authors' work.
    _admin_history("wagtailcore.Page", _("The pages you own or locked"), ("owner", "locked_by")),
    _admin_history("wagtailcore.Revision", _("The pages' revisions you saved"), ("user",)),
    _admin_history("wagtailcore.PageLogEntry", _("The pages' history"), ("user",)),
    _admin_history("wagtailcore.ModelLogEntry", _("The administration's history"), ("user",)),
    _admin_history("wagtailcore.WorkflowState", _("The reviews you asked for"), ("requested_by",)),
    _admin_history("wagtailcore.TaskState", _("The reviews you made"), ("finished_by",)),
    _admin_history("wagtailimages.Image", _("The images you uploaded"), ("uploaded_by_user",)),
    _admin_history("wagtaildocs.Document", _("The documents you uploaded"), ("uploaded_by_user",)),
    _admin_history("admin.LogEntry", _("Django's administration history"), ("user",)),
    PersonalData(
        model="wagtailcore.Comment",
        label=_("Your comments on pages (authors)"),
        purpose=_("To discuss a page's content between authors."),
        basis=Basis.NECESSITY,
        retention=_("As long as the page exists."),
        seen_by=_("The authors and the DATAide team, in the administration."),
        person_fields=("user",),
        actor_fields=("resolved_by",),
        export_fields=("page", "text", "created_at"),
        erasure=Erasure.KEEP,
        keep_reason=_ADMIN_HISTORY,
        order=900,
    ),
    PersonalData(
        model="wagtailcore.CommentReply",
        label=_("Your replies to comments on pages (authors)"),
        purpose=_("To discuss a page's content between authors."),
        basis=Basis.NECESSITY,
        retention=_("As long as the page exists."),
        seen_by=_("The authors and the DATAide team, in the administration."),
        person_fields=("user",),
        export_fields=("comment", "text", "created_at"),
        erasure=Erasure.KEEP,
        keep_reason=_ADMIN_HISTORY,
        order=900,
    ),
    PersonalData(
        model="wagtailcore.PageSubscription",
        label=_("Your subscriptions to pages' comments"),
        purpose=_("To tell you of new comments on a page."),
        person_fields=("user",),
        **_ADMIN_ONLY,
    ),
    PersonalData(
        model="wagtailcore.APIToken",
        label=_("Your keys to the administration's programming interface"),
        purpose=_("To let a tool act on your behalf."),
        person_fields=("user",),
        export_fields=(),
        **_ADMIN_ONLY,
    ),
    PersonalData(
        model="wagtailcore.UploadedFile",
        label=_("The files you are uploading (not yet saved)"),
        purpose=_("To hold a file between its upload and its save."),
        person_fields=("uploaded_by_user",),
        **_ADMIN_ONLY,
    ),
    PersonalData(
        model="wagtailadmin.EditingSession",
        label=_("Your editing sessions in the administration"),
        purpose=_("To warn two authors editing the same page."),
        person_fields=("user",),
        **_ADMIN_ONLY,
    ),
    PersonalData(
        model="wagtailadmin.FormState",
        label=_("The state of your forms in the administration"),
        purpose=_("To restore a form you were filling in."),
        person_fields=("user",),
        **_ADMIN_ONLY,
    ),
    PersonalData(
        model="wagtailusers.UserProfile",
        label=_("Your preferences in the administration"),
        purpose=_("Your language, time zone, picture and notices in the administration."),
        person_fields=("user",),
        **_ADMIN_ONLY,
    ),
    # allauth: the e-mail addresses and their confirmations.
    PersonalData(
        model="account.EmailAddress",
        label=_("Your e-mail addresses"),
        purpose=_("To log you in and confirm that the address is yours."),
        basis=Basis.NECESSITY,
        retention=_("As long as your account exists."),
        seen_by=_("You; the DATAide team."),
        person_fields=("user",),
        export_fields=("email", "verified", "primary"),
        erasure=Erasure.DELETE,
        order=990,
    ),
    PersonalData(
        model="account.EmailConfirmation",
        label=_("The confirmations of your e-mail addresses"),
        purpose=_("To confirm that an address is yours."),
        basis=Basis.NECESSITY,
        retention=_("Until the address is confirmed."),
        seen_by=_("No one (technical)."),
        person_fields=("email_address__user",),
        export_fields=("created", "sent"),
        erasure=Erasure.DELETE,
        order=980,
    ),
    # Django's sessions: a session holds the id of the account logged in with it.
    PersonalData(
        model="sessions.Session",
        label=_("Your sessions (logins)"),
        purpose=_("To keep you logged in."),
        basis=Basis.NECESSITY,
        retention=_("Until you log out, or two weeks without use."),
        seen_by=_("No one (technical)."),
        # The account's id is inside the encoded session data: the erasure pipeline ends
        # the person's sessions itself.
        erasure=Erasure.DELETE,
        retention_days=0,
        retention_field="expire_date",
        order=5,
    ),
)
