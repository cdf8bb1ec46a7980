"""Stand-in for Hermes' ``lib.plugins``: the two message bus plugin base classes, with the names and behaviour
Hermes' plugin documentation and source show (what we learned is in ../README.md; nothing here is Hermes' code).

A plugin subclasses one of them, is built with its settings (a ``dict``) and is named to Hermes by its module's
``HERMES_PLUGIN_CLASSNAME``. Both are context managers: ``with plugin:`` opens it and closes it at the end.
"""

from __future__ import annotations

import logging
from typing import Any, Iterable, Optional

_log = logging.getLogger("hermes")


class FailedToSendEventError(Exception):
    """What ``send`` raises when the plugin's ``_send`` failed; the message is that failure's."""


class _ConnectedPlugin:
    """What both kinds share: the settings copy, and open/close around a ``with`` block."""

    def __init__(self, settings: dict[str, Any]):
        # a shallow copy, as Hermes keeps: the plugin may not change the caller's dict
        self._settings = dict(settings)

    def open(self) -> Any:
        """Connects to the bus; everything it needs comes from the settings."""
        raise NotImplementedError

    def close(self):
        """Disconnects from the bus."""
        raise NotImplementedError

    def __enter__(self):
        self.open()
        return self

    def __exit__(self, exc_type, exc_value, traceback) -> bool:
        try:
            self.close()
        except Exception as e:  # a failed close is logged, as Hermes does, and does not hide the block's error
            _log.error("Error when disconnecting from %s: %s", type(self).__name__, e)
            return False
        return False


class AbstractMessageBusProducerPlugin(_ConnectedPlugin):
    """A producer: hermes-server sends each event through ``send``; a plugin implements ``_send``."""

    def _send(self, event):
        """Publishes ``event`` (a ``lib.datamodel.event.Event``) under its ``evcategory``."""
        raise NotImplementedError

    def send(self, event):
        """Calls ``_send``; any exception it raises becomes a ``FailedToSendEventError`` with its message.

        Plugins implement ``_send``, never this method.
        """
        try:
            self._send(event)
        except Exception as e:
            _log.critical("Failed to send event: %s", e)
            raise FailedToSendEventError(str(e)) from None


class AbstractMessageBusConsumerPlugin(_ConnectedPlugin):
    """A consumer: each hermes-client reads events through it. Every method is the plugin's to implement."""

    def seekToBeginning(self):
        """Moves to the oldest event the bus holds."""
        raise NotImplementedError

    def seek(self, offset: Any):
        """Moves to the event at ``offset`` (an ``int``, ``float``, ``str`` or ``bytes``)."""
        raise NotImplementedError

    def setTimeout(self, timeout_ms: Optional[int]):
        """How long, in milliseconds, iteration waits for a next event once all were read; ``None`` waits forever."""
        raise NotImplementedError

    def findNextEventOfCategory(self, category: str):
        """From the position, the first event of ``category``, or ``None``; the position moves past what it read."""
        raise NotImplementedError

    def __iter__(self) -> Iterable:
        """Yields each event from the position, each with ``offset`` and ``timestamp`` set; once all were read,
        waits for the next one up to the timeout set by ``setTimeout``."""
        raise NotImplementedError
