"""The outbox: side effects of writes, recorded with them and carried out once.

Apps register the handlers of their kinds here (``outbox.register``) in their
``AppConfig.ready()``; the outbox imports nothing above it.
"""

from lms.outbox.registry import register, unregister

__all__ = ["register", "unregister"]
