"""What this app does when a library tells it something (connected in ``AccountsConfig.ready``)."""

from lms.accounts.services import user_email_confirmed


def on_email_confirmed(sender, request, email_address, **kwargs):
    """allauth confirmed an address: membership waits for that (``user_email_confirmed``)."""
    user_email_confirmed(user=email_address.user)
