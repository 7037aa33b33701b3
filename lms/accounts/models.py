"""People and the organisations they work for.

* A **region** (région) is one of the regional Centraide territories that run the
  programme. Regions are data, loaded by a migration and editable by programme staff.
* An **organisation** (organisme) is a community organisation: the unit that bursaries
  go to. A learner proposes one at sign-up when theirs is not listed yet; it stays
  *proposed* until programme staff confirm it (or decline it). Its optional Quebec
  enterprise number (NEQ) is checked for format.
* A **user** (personne) logs in with an e-mail address; there is no username. A person
  belongs to at most one organisation (staff and authors may belong to none):
  ``User.organisation`` is the organisation they are an *accepted* member of, and every
  reader (cohort grid, messages, eligibility) counts only that.
* A **join request** (demande d'adhésion) is how a newcomer whose sign-up names an
  organisation already listed asks to belong to it. It waits for one of the
  organisation's contact people, or programme staff, to accept or decline it; until
  then ``User.organisation`` stays empty. Deciders see it only once the newcomer's
  e-mail address is confirmed. A newcomer asks to join only by choosing to, after the
  sign-up form showed the organisation their name or NEQ matched. (Whoever *proposes* a
  new organisation needs no request: they become its member once their address is
  confirmed.)
* An **organisation contact** links an organisation to one of its members who speaks
  for it (receives bursary notices, for instance). Nobody becomes one by signing up:
  staff or an existing contact name them, and when staff confirm an organisation that
  has none, its proposer (if a member) becomes its first.
* **Roles** are Django groups (see ``roles.py``); a person can hold several.
"""

import re
import unicodedata

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

#: Quebec enterprise numbers are ten digits and start with 11, 22, 33 or 88.
NEQ_PATTERN = re.compile(r"^(11|22|33|88)\d{8}$")


def normalise_neq(value: str) -> str:
    """Return the NEQ with the spaces and dashes people type removed."""
    return re.sub(r"[\s\-]", "", value or "")


def validate_neq(value: str) -> None:
    """Refuse a value that cannot be a Quebec enterprise number."""
    if value and not NEQ_PATTERN.match(normalise_neq(value)):
        raise ValidationError(
            _(
                "The NEQ must have 10 digits and start with 11, 22, 33 or 88 "
                "(for example 1145678901)."
            ),
            code="invalid_neq",
        )


def name_key(name: str) -> str:
    """Return a comparison key for an organisation name: no case, accents or spacing."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", stripped.casefold()).strip()


class Region(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Organisation.Status.CONFIRMED)

    def selectable(self):
        """Organisations a learner may join: confirmed ones and ones still proposed."""
        return self.exclude(status=Organisation.Status.DECLINED)


class Organisation(ClusterableModel):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed, to be confirmed")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    name = models.CharField(_("name"), max_length=200)
    #: Derived from ``name``; two organisations of a region cannot share it.
    name_key = models.CharField(max_length=200, editable=False)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("region")
    )
    neq = models.CharField(
        _("NEQ"),
        max_length=14,
        blank=True,
        validators=[validate_neq],
        help_text=_("Quebec enterprise number, optional: 10 digits."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed on"), null=True, editable=False)

    objects = OrganisationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("region"),
        FieldPanel("neq"),
        FieldPanel("status"),
        InlinePanel("contacts", heading=_("Contact people"), label=_("Contact person")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name_key"],
                condition=~Q(status="declined"),
                name="organisation_unique_name_per_region",
                violation_error_message=_(
                    "An organisation with this name already exists in this region."
                ),
            ),
            models.UniqueConstraint(
                fields=["neq"],
                condition=~Q(neq="") & ~Q(status="declined"),
                name="organisation_unique_neq",
                violation_error_message=_("An organisation already has this NEQ."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.neq = normalise_neq(self.neq)
        self.name = " ".join((self.name or "").split())
        self.name_key = name_key(self.name)

    def save(self, *args, **kwargs):
        self.neq = normalise_neq(self.neq)
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)


class UserManager(DjangoUserManager):
    """Creates people identified by e-mail alone."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("organisation"),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="fr",
        help_text=_("The language of the e-mails and documents sent to you."),
    )
    #: Programme staff only: e-mail me when an organisation is proposed or a join
    #: request waits (the admin's dashboard shows both anyway).
    notify_staff_events = models.BooleanField(
        _("Notify me by e-mail of proposed organisations and join requests"), default=False
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.get_full_name() or self.email


class OrganisationContact(models.Model):
    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="contact_for", verbose_name=_("person")
    )
    position = models.CharField(
        _("position"), max_length=120, blank=True, help_text=_("For example: executive director.")
    )

    panels = [FieldPanel("person"), FieldPanel("position")]

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person"],
                name="organisation_contact_unique",
                violation_error_message=_("This person is already a contact person."),
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.organisation})"

    def clean(self):
        super().clean()
        if self.person_id and self.organisation_id:
            if self.person.organisation_id != self.organisation_id:
                raise ValidationError(
                    {"person": _("A contact person must be a member of the organisation.")}
                )


class OrganisationJoinRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=OrganisationJoinRequest.Status.REQUESTED)

    def visible(self):
        """Requests deciders may see: the person's e-mail address is confirmed."""
        return self.filter(
            models.Exists(
                EmailAddress.objects.filter(user=models.OuterRef("person"), verified=True)
            )
        )


class OrganisationJoinRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", pgettext_lazy("join request", "Declined")

    person = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    created_at = models.DateTimeField(_("requested on"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    #: A contact person of the organisation, or programme staff.
    decided_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    objects = OrganisationJoinRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="requested"),
                name="join_request_one_pending_per_person",
            )
        ]

    def __str__(self):
        return f"{self.person} → {self.organisation}"
