"""Wrong on purpose, breaks SPEC rule 5.1: findNextEventOfCategory returns the match but leaves the position at it."""

import os
import sys

# Hermes imports a plugin as plugins.<family>.<name>.<name>, the folder holding plugins/ on sys.path, so this one can
# import the correct consumer by that name; a loader that imports this file by its path may not have put it there.
_HOLDS_PLUGINS = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
if _HOLDS_PLUGINS not in sys.path:
    sys.path.append(_HOLDS_PLUGINS)

from plugins.messagebus_consumers.sqlitelog.sqlitelog import SqlitelogConsumerPlugin  # noqa: E402

HERMES_PLUGIN_CLASSNAME = "FindKeepsPositionConsumerPlugin"


class FindKeepsPositionConsumerPlugin(SqlitelogConsumerPlugin):
    """The correct consumer but for ``findNextEventOfCategory``: the found event is read again next."""

    def findNextEventOfCategory(self, category):
        found = super().findNextEventOfCategory(category)
        if found is not None:
            self.seek(found.offset)
        return found
