"""Wrong on purpose, breaks SPEC rule 2.2: every event gets the offset of the first event the consumer ever yielded."""

import os
import sys

# Hermes imports a plugin as plugins.<family>.<name>.<name>, the folder holding plugins/ on sys.path, so this one can
# import the correct consumer by that name; a loader that imports this file by its path may not have put it there.
_HOLDS_PLUGINS = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
if _HOLDS_PLUGINS not in sys.path:
    sys.path.append(_HOLDS_PLUGINS)

from plugins.messagebus_consumers.sqlitelog.sqlitelog import SqlitelogConsumerPlugin  # noqa: E402

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
