"""Wrong on purpose, breaks SPEC rule 3.7: a seek outside the bus's range clamps to the nearest end instead of raising."""

import os
import sys

# Hermes imports a plugin as plugins.<family>.<name>.<name>, the folder holding plugins/ on sys.path, so this one can
# import the correct consumer by that name; a loader that imports this file by its path may not have put it there.
_HOLDS_PLUGINS = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
if _HOLDS_PLUGINS not in sys.path:
    sys.path.append(_HOLDS_PLUGINS)

from plugins.messagebus_consumers.sqlitelog.sqlitelog import SqlitelogConsumerPlugin  # noqa: E402

HERMES_PLUGIN_CLASSNAME = "SeekClampsConsumerPlugin"


class SeekClampsConsumerPlugin(SqlitelogConsumerPlugin):
    """The correct consumer but for ``seek``: no ``IndexError``, the offset is moved into the range."""

    def seek(self, offset):
        low, end = self._bounds()
        self._move_to(min(max(offset, low), end))
