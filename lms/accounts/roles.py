"""The platform's five roles, as Django groups with exactly the permissions they need.

A person can hold several roles: a facilitator who also writes content is in both
groups. ``sync_role_groups`` runs after every ``migrate`` and brings each group back to
the permissions written here, so the code is the single source of truth.

* learner: no admin rights; follows webinars and modules on the site.
* author: Wagtail editor. Creates, edits, publishes pages, images and documents, and
  sends pages for translation; reads learners' feedback on modules and the translation
  report; approves other authors' pages submitted for moderation; cannot see or manage
  people, organisations or groups.
* facilitator: no Wagtail admin rights at all. Works in the site's own pages: records
  attendance to live sessions, and follows cohorts (whose access rule lives with cohorts).
* staff: programme staff. Manage regions and organisations in the admin, accept or
  decline requests to join an organisation, and can read the list of people; they
  change a learner's organisation (``person_organisation_change``: nothing else) but
  cannot edit accounts (that would let them grant rights).
  They read learners' feedback on modules and the translation report. They follow
  bursaries: eligible organisations against the quotas, each eligibility's status, the
  review requests, and the pathway settings (planned numbers, rules' version).
  They manage cohorts and their seats (admit, remove: a seat is never deleted) and
  read the facilitators' access log.
* committee: a selection committee's member (often from outside the programme). No
  permission: sees only the applications assigned to their committee, on the site.
* privacy_officer: the person in charge of the protection of personal information
  (Law 25, s. 3.1). The only role that sees the register of confidentiality incidents
  (``lms.privacy``'s grants); staff without it do not.

Each app declares, on its ``AppConfig``, what its own models' permissions give to which
role (``role_permissions = {"staff": ("cohorts.view_cohort", ...)}``); this module knows
no domain app. What is written here is the platform's own: the admin's door, Wagtail's
pages, images and documents, and people and organisations (this app's models).

Moderation: the authors (``REVIEWER_ROLES``) approve each other's submissions, never
their own; ``lms.moderation`` keeps the review workflow that says so.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.utils import OperationalError, ProgrammingError
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page


@dataclass(frozen=True)
class Role:
    key: str
    #: The group's name, as shown in the admin.
    group_name: str
    #: Model and admin permissions, as "app_label.codename".
    permissions: tuple[str, ...] = ()
    #: Page permissions granted on the root page (and so on the whole tree).
    page_permissions: tuple[str, ...] = ()
    #: Image and document permissions granted on the root collection.
    collection_permissions: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)


LEARNER = Role(key="learner", group_name="Apprenants")
AUTHOR = Role(
    key="author",
    group_name="Auteurs de contenu",
    permissions=(
        "wagtailadmin.access_admin",
        "simple_translation.submit_translation",
    ),
    page_permissions=(
        "wagtailcore.add_page",
        "wagtailcore.change_page",
        "wagtailcore.publish_page",
        "wagtailcore.lock_page",
        "wagtailcore.unlock_page",
    ),
    collection_permissions=(
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
)
FACILITATOR = Role(
    key="facilitator",
    group_name="Animateurs",
    # Recording attendance to live sessions, on the site's own pages (no admin access):
    # declared by the webinars app.
)
STAFF = Role(
    key="staff",
    group_name="Équipe DATAide",
    permissions=(
        "wagtailadmin.access_admin",
        "accounts.add_region",
        "accounts.change_region",
        "accounts.view_region",
        "accounts.add_organisation",
        "accounts.change_organisation",
        "accounts.delete_organisation",
        "accounts.view_organisation",
        "accounts.view_organisationjoinrequest",
        "accounts.view_user",
    ),
)

COMMITTEE = Role(
    key="committee",
    group_name="Membres de comité",
    # Selection committees' members: no permission at all; the applications they see are
    # those of their committee (``lms.selection``'s rule), on the site's own pages.
)

PRIVACY_OFFICER = Role(
    key="privacy_officer",
    group_name="Responsable de la protection des renseignements personnels",
    permissions=("wagtailadmin.access_admin",),
)

ROLES = {
    role.key: role for role in (LEARNER, AUTHOR, FACILITATOR, STAFF, COMMITTEE, PRIVACY_OFFICER)
}

#: The roles whose members approve pages submitted for moderation.
REVIEWER_ROLES = ("author",)


def role_permissions(role: Role) -> tuple[str, ...]:
    """Every model and admin permission ``role`` holds: its own, and the apps' grants."""
    granted = [*role.permissions]
    for config in apps.get_app_configs():
        granted += getattr(config, "role_permissions", {}).get(role.key, ())
    return tuple(dict.fromkeys(granted))


def _permissions(names):
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def sync_role_groups(sender=None, **kwargs) -> None:
    """Create or update the role groups so they hold exactly the permissions above."""
    # post_migrate fires once per app, in INSTALLED_APPS order, and each app's
    # permissions are created by its own signal: wait for the last app.
    with_models = [a for a in apps.get_app_configs() if a.models_module is not None]
    if sender is not None and sender.label != with_models[-1].label:
        return
    try:
        root_page = Page.get_first_root_node()
        root_collection = Collection.get_first_root_node()
    except (OperationalError, ProgrammingError):  # tables not there yet
        return
    if root_page is None or root_collection is None:
        return

    with transaction.atomic():
        for role in ROLES.values():
            group, _ = Group.objects.get_or_create(name=role.group_name)
            group.permissions.set(_permissions(role_permissions(role)))
            GroupPagePermission.objects.filter(group=group).exclude(
                page=root_page,
                permission__in=_permissions(role.page_permissions),
            ).delete()
            for permission in _permissions(role.page_permissions):
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
            GroupCollectionPermission.objects.filter(group=group).exclude(
                collection=root_collection,
                permission__in=_permissions(role.collection_permissions),
            ).delete()
            for permission in _permissions(role.collection_permissions):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )


def role_group(key: str):
    """Return the group behind a role key (one of ``ROLES``)."""
    return Group.objects.get(name=ROLES[key].group_name)


def user_roles(user) -> set[str]:
    """Return the role keys a person holds."""
    names = set(user.groups.values_list("name", flat=True))
    return {role.key for role in ROLES.values() if role.group_name in names}


def _roles_key(user_id) -> str:
    return f"roles:{user_id}"


def user_roles_kept(user) -> set[str]:
    """``user_roles``, kept in the cache until the person's groups change: what every
    page's header asks (which links to show), never what grants access."""
    roles = cache.get(_roles_key(user.pk))
    if roles is None:
        roles = user_roles(user)
        cache.set(_roles_key(user.pk), roles, 24 * 3600)
    return roles


def user_roles_forget(sender, instance, action, reverse, pk_set=None, **kwargs) -> None:
    """Forget the kept roles of the people whose groups change (``m2m_changed`` on
    ``User.groups``, from either side): now, and once the change commits (a page may
    read the former groups in between)."""
    if not reverse and action in ("post_add", "post_remove", "post_clear"):
        user_ids = [instance.pk]
    elif reverse and action in ("post_add", "post_remove"):
        user_ids = list(pk_set or ())
    elif reverse and action == "pre_clear":
        user_ids = list(instance.user_set.values_list("pk", flat=True))
    else:
        return
    keys = [_roles_key(pk) for pk in user_ids]

    def forget():
        cache.delete_many(keys)

    forget()
    transaction.on_commit(forget)


def is_programme_staff(user) -> bool:
    """Whether ``user`` is programme staff (or a superuser), who see every organisation."""
    return user.is_superuser or user.groups.filter(name=ROLES["staff"].group_name).exists()


def learner_accounts():
    """Return the active accounts that hold the learner role: the only ones that can hold
    learning records (attendance, completions)."""
    return get_user_model().objects.filter(is_active=True, groups__name=LEARNER.group_name)
