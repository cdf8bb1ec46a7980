"""Wrong on purpose, breaks SPEC rule 2.1: each read starts after the event at the position, which is never yielded."""

from plugins.messagebus_consumers.sqlitelog.sqlitelog import SqlitelogConsumerPlugin

HERMES_PLUGIN_CLASSNAME = "SkipsCurrentConsumerPlugin"


class SkipsCurrentConsumerPlugin(SqlitelogConsumerPlugin):
    """The correct consumer but for its query: ``msgid > position`` instead of ``>=``."""

    def _rows_from(self, position):
        return super()._rows_from(position + 1)
