"""Wrong on purpose, breaks SPEC rule 3.3: seek(o) positions after o instead of at it."""

import os
import sys

# Hermes imports a plugin as plugins.<family>.<name>.<name>, the folder holding plugins/ on sys.path, so this one can
# import the correct consumer by that name; a loader that imports this file by its path may not have put it there.
_HOLDS_PLUGINS = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
if _HOLDS_PLUGINS not in sys.path:
    sys.path.append(_HOLDS_PLUGINS)

from plugins.messagebus_consumers.sqlitelog.sqlitelog import SqlitelogConsumerPlugin  # noqa: E402

HERMES_PLUGIN_CLASSNAME = "OffByOneSeekConsumerPlugin"


class OffByOneSeekConsumerPlugin(SqlitelogConsumerPlugin):
    """The correct consumer but for ``seek``."""

    def seek(self, offset):
        super().seek(offset)
        self._move_to(offset + 1)
