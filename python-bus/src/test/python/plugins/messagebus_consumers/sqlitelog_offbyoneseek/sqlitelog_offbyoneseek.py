"""Wrong on purpose, breaks SPEC rule 3.3: seek(o) positions after o instead of at it."""

from plugins.messagebus_consumers.sqlitelog.sqlitelog import SqlitelogConsumerPlugin

HERMES_PLUGIN_CLASSNAME = "OffByOneSeekConsumerPlugin"


class OffByOneSeekConsumerPlugin(SqlitelogConsumerPlugin):
    """The correct consumer but for ``seek``."""

    def seek(self, offset):
        super().seek(offset)
        self._move_to(offset + 1)
