"""Wrong on purpose, breaks SPEC rule 4.1: never waits, every timeout is taken as 0, so a caught-up iteration ends at once."""

from plugins.messagebus_consumers.sqlitelog.sqlitelog import SqlitelogConsumerPlugin

HERMES_PLUGIN_CLASSNAME = "IgnoresTimeoutConsumerPlugin"


class IgnoresTimeoutConsumerPlugin(SqlitelogConsumerPlugin):
    """The correct consumer but for ``setTimeout``."""

    def setTimeout(self, timeout_ms):
        super().setTimeout(0)
