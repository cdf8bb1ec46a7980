# The bridge tests' producer: appends events to an SQLite file with Hermes' SQLite bus schema.
import datetime
import sqlite3

from lib.plugins import AbstractMessageBusProducerPlugin

HERMES_PLUGIN_CLASSNAME = "TinyLogProducer"


class TinyLogProducer(AbstractMessageBusProducerPlugin):
    def __init__(self, settings):
        super().__init__(settings)
        self._db = None

    def open(self):
        self._db = sqlite3.connect(self._settings["uri"], timeout=30)
        self._db.execute("CREATE TABLE IF NOT EXISTS hermesmessages (msgid INTEGER PRIMARY KEY AUTOINCREMENT,"
                         " data TEXT NOT NULL, timestamp REAL NOT NULL)")
        self._db.commit()
        if self._settings.get("fault") == "exit_on_open":
            raise SystemExit(7)

    def close(self):
        if self._db:
            self._db.close()
            self._db = None

    def _send(self, event):
        if event.evcategory == "refused":
            raise ValueError("this bus refuses the category 'refused'")
        self._db.execute("INSERT INTO hermesmessages (data, timestamp) VALUES (?, ?)",
                         (event.to_json(), datetime.datetime.now().timestamp()))
        self._db.commit()
