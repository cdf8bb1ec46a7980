# The bridge tests' consumer: reads an SQLite file with Hermes' SQLite bus schema, polling every 2 ms, so that it
# follows the kit's rules; a "fault" setting makes it misbehave for the bridge's error tests. It logs through
# __hermes__.logger, the global Hermes gives its plugins, as Hermes' own plugins do.
import datetime
import os
import sqlite3
import time

from lib.datamodel.event import Event
from lib.plugins import AbstractMessageBusConsumerPlugin

HERMES_PLUGIN_CLASSNAME = "TinyLogConsumer"

# msgid as an offset of each of Hermes' four types, and back (the "offset_type" setting; int by default)
ENCODE = {
    "int": lambda msgid: msgid,
    "float": lambda msgid: msgid + 0.5,
    "str": lambda msgid: "%012d" % msgid,
    "bytes": lambda msgid: msgid.to_bytes(8, "big"),
}
DECODE = {
    "int": lambda offset: offset,
    "float": lambda offset: int(offset - 0.5) if offset - 0.5 == int(offset - 0.5) else int(offset + 0.5),
    "str": lambda offset: int(offset) if offset.isdigit() else int(offset.rstrip("\0")) + 1,
    "bytes": lambda offset: int.from_bytes(offset[:8].ljust(8, b"\0"), "big") + (1 if len(offset) > 8 else 0),
}


class TinyLogConsumer(AbstractMessageBusConsumerPlugin):
    def __init__(self, settings):
        super().__init__(settings)
        self._db = None
        self._position = None
        self._timeout = None
        self._fault = settings.get("fault")
        self._encode = ENCODE[settings.get("offset_type", "int")]
        self._decode = DECODE[settings.get("offset_type", "int")]

    def open(self):
        print("opening", self._settings["uri"])  # must reach standard error, not the protocol
        __hermes__.logger.info("opening %s", self._settings["uri"])  # noqa: F821 - a builtin Hermes provides
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
        try:
            msgid = self._decode(offset)
        except ValueError:
            raise IndexError(f"offset {offset!r} is no offset of this bus") from None
        if not oldest <= msgid <= end:
            raise IndexError(f"offset {offset!r} is not in [{oldest}, {end}]")
        self._position = msgid

    def setTimeout(self, timeout_ms):
        self._timeout = None if timeout_ms is None else timeout_ms / 1000

    def findNextEventOfCategory(self, category):
        for event in self:
            if event.evcategory == category:
                self._position = self._decode(event.offset) + 1
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
                event.offset = self._encode(row[0]) if self._fault != "no_offset" else None
                event.timestamp = datetime.datetime.fromtimestamp(row[2])
                yield event
                self._position = row[0] + 1
                deadline = None if self._timeout is None else time.monotonic() + self._timeout
                continue
            if deadline is not None and time.monotonic() >= deadline:
                return
            time.sleep(0.002 if deadline is None else max(0.0, min(0.002, deadline - time.monotonic())))
