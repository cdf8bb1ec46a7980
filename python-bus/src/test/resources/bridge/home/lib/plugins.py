# A minimal stand-in of Hermes' lib/plugins.py for the bridge's own tests: the names a message bus plugin imports.
# (The module's conformance test uses the fuller stand-in under src/test/python.)


class FailedToSendEventError(Exception):
    """What Hermes' producer wrapper raises when _send failed."""


class AbstractMessageBusProducerPlugin:
    def __init__(self, settings):
        self._settings = settings.copy()

    def send(self, event):
        try:
            self._send(event)
        except Exception as e:
            raise FailedToSendEventError(str(e)) from None


class AbstractMessageBusConsumerPlugin:
    def __init__(self, settings):
        self._settings = settings.copy()
