"""A correct Hermes message bus producer plugin over an SQLite file in Hermes' own format (the ``hermesmessages``
table of ``shared/fixtures/hermes/README.md``); its consumer is ``messagebus_consumers/sqlitelog``. Written by us,
for the conformance kit's tests of the Python bridge; settings in ../../../README.md.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from typing import Any

from lib.plugins import AbstractMessageBusProducerPlugin

HERMES_PLUGIN_CLASSNAME = "SqlitelogProducerPlugin"

# Hermes' table, column for column: msgid is the offset, data the event's JSON, timestamp Unix seconds.
CREATE_TABLE = (
    "CREATE TABLE IF NOT EXISTS hermesmessages "
    "(msgid INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL, timestamp REAL NOT NULL)"
)
# Other producers (threads, processes) commit to the same file: wait this long for SQLite's lock.
LOCK_WAIT_S = 30.0


class SqlitelogProducerPlugin(AbstractMessageBusProducerPlugin):
    """Appends each event as one row, in one transaction: once ``send`` returns, every consumer can read it."""

    def __init__(self, settings: dict[str, Any]):
        super().__init__(settings)
        self._uri = str(settings["uri"])
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # one producer may send from several threads: one insert at a time

    def open(self) -> Any:
        """Opens the file read-write, creating it and its table when missing (not its folder)."""
        if self._db is None:
            # autocommit: each insert is its own transaction, committed when execute returns
            db = sqlite3.connect(self._uri, timeout=LOCK_WAIT_S, isolation_level=None, check_same_thread=False)
            try:
                db.execute(CREATE_TABLE)
            except BaseException:
                db.close()
                raise
            self._db = db

    def close(self):
        """Closes the file; closing again does nothing."""
        with self._lock:
            db, self._db = self._db, None
        if db is not None:
            db.close()

    def _send(self, event):
        data = event.to_json()
        with self._lock:
            if self._db is None:
                raise RuntimeError("the producer is not open")
            self._db.execute("INSERT INTO hermesmessages (data, timestamp) VALUES (?, ?)", (data, time.time()))
