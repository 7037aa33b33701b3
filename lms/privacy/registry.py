"""The registry of personal information: every model that holds information about a
person, or a link to one, declares here what it keeps and why (Quebec's Law 25, s. 8),
on which basis, for how long, who sees it, and what becomes of it when the person asks
for their data or for their account's erasure. As Moodle's privacy providers, each app
declares its own models, in its ``privacy.py`` module (found by ``PrivacyConfig.ready``);
a test walks every installed model and fails when one with a person's data is missing.

The privacy page is generated from it (``entries()``), the download of one's data reads it
(``rows_of``), the erasure runs its steps in ``order`` and the retention task its
``retention_days``.

What erasure does with a model's rows of the person (``Erasure``):

* ``DELETE``: the rows are deleted (what only served the person: their answers, their
  registrations, their progress).
* ``ANONYMISE``: the rows are kept, the fields named in ``anonymise`` blanked or set to
  null; the link to the account stays, and the account itself is anonymised last (no
  name, no address, no password: nobody can tell whose it was). Used where the programme
  must keep the record (``keep_reason`` says why, on the privacy page).
* ``KEEP``: kept as they are because nothing in them identifies the person once the
  account is anonymised (``keep_reason`` says why).

A model may give its own ``export``/``erase``/``purge`` functions where the generic way
does not fit (a JSON field holding names, a file to remove).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Basis(models.TextChoices):
    NECESSITY = "necessity", _("Necessary for the programme")
    CONSENT = "consent", _("Your consent")


class Erasure(models.TextChoices):
    DELETE = "delete", _("Deleted")
    ANONYMISE = "anonymise", _("Kept without your identity")
    KEEP = "keep", _("Kept, identifying no one once your account is erased")


@dataclass(frozen=True)
class PersonalData:
    #: "app_label.ModelName".
    model: str
    #: What it is, in words, for the privacy page ("Your answers to the quizzes").
    label: str | Promise
    #: Why it is kept.
    purpose: str | Promise
    basis: str
    #: For how long, in words ("Three years after the programme ends").
    retention: str | Promise
    #: Who sees it, in words ("You; your cohort's facilitators").
    seen_by: str | Promise
    #: The fields that link a row to a person (foreign keys to the user model): a
    #: person's rows are those where any of them is that person. Empty: the model holds
    #: no person's link (for example an organisation's record), or ``export``/``erase``
    #: below say whose rows are whose.
    person_fields: tuple[str, ...] = ()
    #: Links to the person as the one who acted on a row about someone else (who
    #: recorded, decided, uploaded): not the person's rows (not exported, not erased by
    #: ``erasure``); they stay pointing to the anonymised account, which names nobody.
    #: ``unlink_actor`` sets them to null where the lead's pipeline prefers that.
    actor_fields: tuple[str, ...] = ()
    #: The fields a person's download holds (default: every concrete field but the id).
    export_fields: tuple[str, ...] | None = None
    erasure: str = Erasure.DELETE
    #: For ``ANONYMISE``: the fields blanked (text) or set to null (links, dates).
    anonymise: tuple[str, ...] = ()
    #: Why rows are kept (``ANONYMISE`` and ``KEEP``), for the privacy page.
    keep_reason: str | Promise = ""
    #: Retention enforced by the periodic task: rows older than this many days (by
    #: ``retention_field``) are deleted, or given to ``purge``. None: not by age.
    retention_days: int | None = None
    retention_field: str = ""
    #: When erasure runs this model's step: lower first (rows that protect others last).
    order: int = 100
    #: For a ``CONSENT`` basis: the consent's purpose (``lms.privacy.models.Purpose``).
    consent_purpose: str = ""
    #: Third-party service providers that process it, and where ("Amazon SES, Canada").
    providers: str | Promise = ""
    #: Special cases: ``export(person) -> list[dict]``, ``erase(person) -> None``,
    #: ``purge(now) -> int`` (removes, in its own way, what is past its period at the
    #: moment ``now``, in place of deleting rows by age; returns how many changed).
    #: ``erase`` and ``purge`` replace the generic step; they never run beside it.
    export: Callable | None = field(default=None, compare=False)
    erase: Callable | None = field(default=None, compare=False)
    purge: Callable | None = field(default=None, compare=False)

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def rows_of(self, person) -> models.QuerySet:
        """The rows of ``person`` (by ``person_fields``)."""
        if not self.person_fields:
            return self.model_class._default_manager.none()
        condition = Q()
        for name in self.person_fields:
            condition |= Q(**{name: person.pk})
        return self.model_class._default_manager.filter(condition)

    def unlink_actor(self, person) -> int:
        """Set ``actor_fields`` that point to ``person`` to null; return rows changed."""
        changed = 0
        manager = self.model_class._default_manager
        for name in self.actor_fields:
            changed += manager.filter(**{name: person}).update(**{name: None})
        return changed


_REGISTRY: dict[str, PersonalData] = {}


def register(*entries: PersonalData) -> None:
    """Declare models' personal information (from an app's ``privacy.py``)."""
    for entry in entries:
        if entry.model in _REGISTRY:
            raise ValueError(f"{entry.model} is already in the privacy registry")
        _REGISTRY[entry.model] = entry


def entries() -> list[PersonalData]:
    """Every declaration, in erasure order."""
    return sorted(_REGISTRY.values(), key=lambda entry: (entry.order, entry.model))


def entry_for(model) -> PersonalData | None:
    return _REGISTRY.get(model._meta.label)


#: Field names that, on any model, are a person's data.
PERSONAL_NAMES = ("email", "first_name", "last_name", "phone", "ip_address", "address")


def holds_personal_data(model) -> bool:
    """Whether ``model`` links to a person or has a field that names one."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model_field in model._meta.get_fields():
        if not getattr(model_field, "concrete", False):
            continue
        if model_field.is_relation and model_field.related_model is user_model:
            return True
        if model_field.name in PERSONAL_NAMES:
            return True
    return model is user_model


def authored_page(model: str) -> PersonalData:
    """The declaration of a page model (``"app_label.ModelName"``): Wagtail records who
    owns and who locked each page; the page is the programme's and stays."""
    return PersonalData(
        model=model,
        label=_("The pages you wrote or edited (authors)"),
        purpose=_("To know who owns and who locked a page of the pathway."),
        basis=Basis.NECESSITY,
        retention=_("As long as the page exists."),
        seen_by=_("The authors and the DATAide team, in the administration."),
        actor_fields=("owner", "locked_by"),
        erasure=Erasure.KEEP,
        keep_reason=_(
            "A page belongs to the programme: it stays, pointing to an account that names no one."
        ),
    )
