"""Factories for the records tests build; each one makes a valid record by default."""

import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory

from lms.accounts.models import Organisation, Region, User
from lms.accounts.roles import role_group

PASSWORD = "un-mot-de-passe-solide-42"


def region(slug: str = "grand-montreal") -> Region:
    """Return one of the regions the migration loads."""
    return Region.objects.get(slug=slug)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisme communautaire {n}")
    region = factory.LazyFunction(region)
    status = Organisation.Status.CONFIRMED


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.test")
    first_name = "Camille"
    last_name = "Tremblay"

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """A verified primary address, as allauth expects of people who can log in."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        for key in extracted or ():
            obj.groups.add(role_group(key))
