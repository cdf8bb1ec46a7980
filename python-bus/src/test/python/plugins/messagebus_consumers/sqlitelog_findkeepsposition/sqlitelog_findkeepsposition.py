"""Wrong on purpose, breaks SPEC rule 5.1: findNextEventOfCategory returns the match but leaves the position at it."""

from plugins.messagebus_consumers.sqlitelog.sqlitelog import SqlitelogConsumerPlugin

HERMES_PLUGIN_CLASSNAME = "FindKeepsPositionConsumerPlugin"


class FindKeepsPositionConsumerPlugin(SqlitelogConsumerPlugin):
    """The correct consumer but for ``findNextEventOfCategory``: the found event is read again next."""

    def findNextEventOfCategory(self, category):
        found = super().findNextEventOfCategory(category)
        if found is not None:
            self.seek(found.offset)
        return found
