"""Which function carries out each kind of outbox message.

The outbox sits at the bottom of the layers: it knows no app above it. Each app
registers the handlers of its own kinds in its ``AppConfig.ready()``, with a kind named
``"<app>.<what>"`` (``"pathway.certificate"``, ``"webinars.attendance_import"``), and a
message of a kind nobody registered is refused when it is written.
"""

from collections.abc import Callable

#: Carries out one message, given its payload (JSON), with the message's row locked. It
#: must be safe to run again if its worker dies midway. It may return the payload to keep
#: once done (an e-mail's body with a reset link, emptied); None keeps it as it was.
Handler = Callable[[dict], dict | None]

_handlers: dict[str, Handler] = {}


class UnknownKind(LookupError):
    """An outbox message of a kind no app registered."""


def register(kind: str, handler: Handler) -> Handler:
    """Make ``handler`` carry out the messages of ``kind``; a kind has one handler."""
    current = _handlers.get(kind)
    if current is not None and current is not handler:
        raise ValueError(f"The outbox kind {kind!r} already has a handler: {current!r}.")
    _handlers[kind] = handler
    return handler


def unregister(kind: str) -> None:
    """Forget the handler of ``kind`` (tests)."""
    _handlers.pop(kind, None)


def is_registered(kind: str) -> bool:
    """Return True when an app registered a handler for ``kind``."""
    return kind in _handlers


def handler_for(kind: str) -> Handler:
    """Return the handler of ``kind``; raise ``UnknownKind`` if none was registered."""
    try:
        return _handlers[kind]
    except KeyError:
        raise UnknownKind(kind) from None


def kinds() -> list[str]:
    """Return the registered kinds, sorted."""
    return sorted(_handlers)
