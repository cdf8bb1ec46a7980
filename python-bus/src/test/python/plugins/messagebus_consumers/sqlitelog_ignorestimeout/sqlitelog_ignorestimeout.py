"""Wrong on purpose, breaks SPEC rule 4.1: never waits, every timeout is taken as 0, so a caught-up iteration ends at once."""

import os
import sys

# Hermes imports a plugin as plugins.<family>.<name>.<name>, the folder holding plugins/ on sys.path, so this one can
# import the correct consumer by that name; a loader that imports this file by its path may not have put it there.
_HOLDS_PLUGINS = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
if _HOLDS_PLUGINS not in sys.path:
    sys.path.append(_HOLDS_PLUGINS)

from plugins.messagebus_consumers.sqlitelog.sqlitelog import SqlitelogConsumerPlugin  # noqa: E402

HERMES_PLUGIN_CLASSNAME = "IgnoresTimeoutConsumerPlugin"


class IgnoresTimeoutConsumerPlugin(SqlitelogConsumerPlugin):
    """The correct consumer but for ``setTimeout``."""

    def setTimeout(self, timeout_ms):
        super().setTimeout(0)
