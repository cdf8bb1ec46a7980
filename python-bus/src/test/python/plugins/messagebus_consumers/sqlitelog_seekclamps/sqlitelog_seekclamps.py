"""Wrong on purpose, breaks SPEC rule 3.7: a seek outside the bus's range clamps to the nearest end instead of raising."""

from plugins.messagebus_consumers.sqlitelog.sqlitelog import SqlitelogConsumerPlugin

HERMES_PLUGIN_CLASSNAME = "SeekClampsConsumerPlugin"


class SeekClampsConsumerPlugin(SqlitelogConsumerPlugin):
    """The correct consumer but for ``seek``: no ``IndexError``, the offset is moved into the range."""

    def seek(self, offset):
        low, end = self._bounds()
        self._move_to(min(max(offset, low), end))
