"""Wrong on purpose, breaks SPEC rule 2.1: each read starts after the event at the position, which is never yielded."""

import os
import sys

# Hermes imports a plugin as plugins.<family>.<name>.<name>, the folder holding plugins/ on sys.path, so this one can
# import the correct consumer by that name; a loader that imports this file by its path may not have put it there.
_HOLDS_PLUGINS = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
if _HOLDS_PLUGINS not in sys.path:
    sys.path.append(_HOLDS_PLUGINS)

from plugins.messagebus_consumers.sqlitelog.sqlitelog import SqlitelogConsumerPlugin  # noqa: E402

HERMES_PLUGIN_CLASSNAME = "SkipsCurrentConsumerPlugin"


class SkipsCurrentConsumerPlugin(SqlitelogConsumerPlugin):
    """The correct consumer but for its query: ``msgid > position`` instead of ``>=``."""

    def _rows_from(self, position):
        return super()._rows_from(position + 1)
