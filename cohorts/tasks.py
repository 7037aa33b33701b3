from lms.celery import app


@app.task
def send_cohort_message(message_id: int) -> None:
    """Hand a cohort message to one task per recipient, so one failing address does not
    hold the others back."""
    from cohorts.models import CohortMessage

    message = CohortMessage.objects.filter(pk=message_id).only("recipients").first()
    if message is None:
        return
    for learner_id in message.recipients:
        send_cohort_message_to.delay(message_id, learner_id)


@app.task
def send_cohort_message_to(message_id: int, learner_id: int) -> None:
    """E-mail a cohort message to one learner; nothing more if it already reached them."""
    from django.contrib.auth import get_user_model

    from cohorts.models import CohortMessage
    from cohorts.services_messages import cohort_message_deliver

    message = CohortMessage.objects.select_related("cohort", "sender").filter(pk=message_id).first()
    learner = get_user_model().objects.filter(pk=learner_id, is_active=True).first()
    if message is not None and learner is not None:
        cohort_message_deliver(message=message, learner=learner)
