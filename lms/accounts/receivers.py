"""What this app does when a library tells it something (connected in ``AccountsConfig.ready``)."""

from lms.accounts.services import sessions_end, user_email_confirmed


def on_email_confirmed(sender, request, email_address, **kwargs):
    """allauth confirmed an address: membership waits for that (``user_email_confirmed``)."""
    user_email_confirmed(user=email_address.user)


def on_password_changed(sender, request, user, **kwargs):
    """A new password ends the person's other sessions now (the one that changed it
    stays open); a reset by e-mail ends them all."""
    keep = request.session.session_key if request is not None and user == request.user else None
    sessions_end(user=user, keep=keep)
