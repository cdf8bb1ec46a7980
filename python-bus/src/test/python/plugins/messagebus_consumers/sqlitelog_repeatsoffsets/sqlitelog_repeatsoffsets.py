"""Wrong on purpose, breaks SPEC rule 2.2: every event gets the offset of the first event the consumer ever yielded."""

from plugins.messagebus_consumers.sqlitelog.sqlitelog import SqlitelogConsumerPlugin

HERMES_PLUGIN_CLASSNAME = "RepeatsOffsetsConsumerPlugin"


class RepeatsOffsetsConsumerPlugin(SqlitelogConsumerPlugin):
    """The correct consumer but for the offsets it gives (its position still moves right)."""

    _first = None

    def _to_event(self, msgid, data, timestamp):
        event = super()._to_event(msgid, data, timestamp)
        if self._first is None:
            self._first = event.offset
        event.offset = self._first
        return event
