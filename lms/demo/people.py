"""Demo organisations and accounts: twelve confirmed organisations across the regions,
one account per role (and an administrator), all with the same password."""

import unicodedata

from allauth.account.models import EmailAddress

from lms.accounts.models import Organisation, OrganisationContact, Region, User
from lms.accounts.roles import role_group

#: Shared by every demo account; printed by ``make demo`` and written in the README.
DEMO_PASSWORD = "DATAide-demo-2026"  # noqa: S105 - demonstration data only

DEMO_ORGANISATIONS = [
    ("Cuisines collectives du Plateau", "grand-montreal", "1145678901"),
    ("Maison des jeunes de Limoilou", "quebec-chaudiere-appalaches", ""),
    ("Centre d'action bénévole de Rimouski", "bas-saint-laurent", "1160000017"),
    ("Comptoir alimentaire de Trois-Rivières", "centre-ouest", ""),
    ("Carrefour des femmes de Sherbrooke", "estrie", "3312345678"),
    ("Entraide familiale de Gatineau", "outaouais", ""),
    ("Popote roulante de Saint-Jérôme", "laurentides", ""),
    ("Alphabétisation Saint-Hyacinthe", "richelieu-yamaska", "1171234567"),
    ("Coopérative de solidarité du Fjord", "saguenay-lac-saint-jean", ""),
    ("Maison de la famille de Gaspé", "gaspesie-iles-de-la-madeleine", ""),
    ("Ressource d'hébergement de Baie-Comeau", "cote-nord", ""),
    ("Réseau d'entraide d'Hochelaga", "grand-montreal", ""),
]

#: (e-mail, first name, last name, roles, organisation index or None, superuser)
DEMO_ACCOUNTS = [
    ("apprenante@dataide.test", "Camille", "Tremblay", ["learner"], 0, False),
    ("autrice@dataide.test", "Sophie", "Gagnon", ["author"], None, False),
    ("animateur@dataide.test", "Mathieu", "Roy", ["facilitator"], None, False),
    ("equipe@dataide.test", "Nadia", "Côté", ["staff"], None, False),
    ("admin@dataide.test", "Alex", "Bouchard", [], None, True),
    ("vie-privee@dataide.test", "Isabelle", "Martel", ["privacy_officer"], None, False),
]


def demo_email(first: str, last: str) -> str:
    """Return a demo learner's address: ASCII local part, so it is valid and logs in."""
    local = f"{first}.{last}".lower()
    return unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode() + (
        "@dataide.test"
    )


def account_create(email, first, last, roles, organisation=None, superuser=False) -> User:
    """Create a demo account that logs in with ``DEMO_PASSWORD``: its address verified,
    its roles given."""
    manager = User.objects.create_superuser if superuser else User.objects.create_user
    user = manager(
        email=email,
        password=DEMO_PASSWORD,
        first_name=first,
        last_name=last,
        organisation=organisation,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    for role in roles:
        user.groups.add(role_group(role))
    return user


def people_demo_load() -> None:
    """Create the demo organisations and accounts; the learner is her organisation's
    contact."""
    regions = {r.slug: r for r in Region.objects.all()}
    organisations = [
        Organisation.objects.create(
            name=name,
            region=regions[slug],
            neq=neq,
            status=Organisation.Status.CONFIRMED,
        )
        for name, slug, neq in DEMO_ORGANISATIONS
    ]
    for email, first, last, roles, org_index, superuser in DEMO_ACCOUNTS:
        organisation = organisations[org_index] if org_index is not None else None
        user = account_create(email, first, last, roles, organisation, superuser)
        if organisation is not None:
            OrganisationContact.objects.create(
                organisation=organisation, person=user, position="Coordonnatrice"
            )
