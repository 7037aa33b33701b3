import pytest

from lms.selection.models import CallKind
from tests.selection.builders import contact, eligible_organisation, make_call


@pytest.fixture
def seed_call(db):
    return make_call(CallKind.SEED)


@pytest.fixture
def applicant_organisation(db):
    return eligible_organisation(1, name="Cuisines collectives Hochelaga-Maisonneuve")


@pytest.fixture
def applicant(applicant_organisation):
    return contact(applicant_organisation, first_name="Zoé", last_name="Lévesque-Ng")


def form_data(*, title="Café & co <b>", summary="Un résumé", description="Ligne 1\nLigne 2",
              lines=(), then="save"):  # fmt: skip
    data = {
        "title": title,
        "summary": summary,
        "description": description,
        "then": then,
        "budget-TOTAL_FORMS": str(len(lines) + 1),
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "1000",
    }
    for index, (category, text, amount) in enumerate(lines):
        data.update(
            {
                f"budget-{index}-category": category,
                f"budget-{index}-description": text,
                f"budget-{index}-amount": str(amount),
            }
        )
    return data
