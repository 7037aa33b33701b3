from django.conf import settings

from lms.accounts.services import accounts_purge_unverified
from lms.celery import app


@app.task
def purge_unverified_accounts() -> int:
    """Erase sign-ups never confirmed within the retention period."""
    return accounts_purge_unverified(older_than_days=settings.ACCOUNTS_UNVERIFIED_RETENTION_DAYS)
