# The bridge tests' consumer: reads an SQLite file with Hermes' SQLite bus schema, polling every 2 ms, so that it
# follows the kit's rules; a "fault" setting makes it misbehave for the bridge's error tests.
import datetime
import os
import sqlite3
import time

from lib.datamodel.event import Event
from lib.plugins import AbstractMessageBusConsumerPlugin

HERMES_PLUGIN_CLASSNAME = "TinyLogConsumer"


class TinyLogConsumer(AbstractMessageBusConsumerPlugin):
    def __init__(self, settings):
        super().__init__(settings)
        self._db = None
        self._position = None
        self._timeout = None
        self._fault = settings.get("fault")

    def open(self):
        print("opening", self._settings["uri"])  # must reach standard error, not the protocol
        self._db = sqlite3.connect(self._settings["uri"], timeout=30)
        self._db.execute("CREATE TABLE IF NOT EXISTS hermesmessages (msgid INTEGER PRIMARY KEY AUTOINCREMENT,"
                         " data TEXT NOT NULL, timestamp REAL NOT NULL)")
        self._db.commit()
        self.seekToBeginning()

    def close(self):
        if self._db:
            self._db.close()
            self._db = None

    def _bounds(self):
        oldest = self._db.execute("SELECT MIN(msgid) FROM hermesmessages").fetchone()[0]
        row = self._db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'hermesmessages'").fetchone()
        end = (row[0] if row else 0) + 1
        return (end if oldest is None else oldest), end

    def seekToBeginning(self):
        self._position = self._bounds()[0]

    def seek(self, offset):
        if self._fault == "exit_on_seek":
            os._exit(9)
        oldest, end = self._bounds()
        if not oldest <= offset <= end:
            raise IndexError(f"offset {offset} is not in [{oldest}, {end}]")
        self._position = offset

    def setTimeout(self, timeout_ms):
        self._timeout = None if timeout_ms is None else timeout_ms / 1000

    def findNextEventOfCategory(self, category):
        for event in self:
            if event.evcategory == category:
                self._position = event.offset + 1
                return event
        return None

    def __iter__(self):
        if self._fault == "hang":
            while True:
                time.sleep(1)
        if self._fault == "raise":
            raise RuntimeError("the bus is on fire")
        deadline = None if self._timeout is None else time.monotonic() + self._timeout
        while True:
            row = self._db.execute("SELECT msgid, data, timestamp FROM hermesmessages WHERE msgid >= ?"
                                   " ORDER BY msgid LIMIT 1", (self._position,)).fetchone()
            if row is not None:
                event = Event.from_json(row[1])
                event.offset = row[0] if self._fault != "no_offset" else None
                event.timestamp = datetime.datetime.fromtimestamp(row[2])
                yield event
                self._position = row[0] + 1
                deadline = None if self._timeout is None else time.monotonic() + self._timeout
                continue
            if deadline is not None and time.monotonic() >= deadline:
                return
            time.sleep(0.002 if deadline is None else max(0.0, min(0.002, deadline - time.monotonic())))
