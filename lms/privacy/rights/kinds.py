"""The rights' outbox message kinds (their handlers are in ``effects``)."""

#: Payload ``{"export": id}``: build the person's ZIP, then e-mail the link (whose
#: secret exists only in that e-mail).
EXPORT_PREPARE = "privacy.export_prepare"
#: Payload ``{"erasure": id}``: tell the person their account will be erased, and when.
ERASURE_ASKED = "privacy.erasure_asked"
