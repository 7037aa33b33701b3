from lms.celery import app
from lms.privacy.rights.services import erasures_due, retention_enforce


@app.task
def run_due_erasures() -> int:
    """Periodic: erase the accounts whose cooling-off period is over."""
    return erasures_due()


@app.task
def enforce_retention() -> dict:
    """Periodic: remove what the privacy registry keeps only for a while."""
    return retention_enforce()
