"""A correct Hermes message bus consumer plugin over an SQLite file in Hermes' own format (the ``hermesmessages``
table of ``shared/fixtures/hermes/README.md``), written by its producer ``messagebus_producers/sqlitelog``. Written
by us, for the conformance kit's tests of the Python bridge: it keeps every rule of ``tck/SPEC.md`` that applies to a
bus without raw publishing or kit-driven retention. Settings and choices: ../../../README.md.

Offsets are the ``int`` msgids. The position is a number: the next event is the first whose msgid is ``>=`` it.
"""

from __future__ import annotations

import datetime
import os
import sqlite3
import time
import urllib.parse
from typing import Any, Iterator, Optional

from lib.datamodel.event import Event
from lib.plugins import AbstractMessageBusConsumerPlugin

HERMES_PLUGIN_CLASSNAME = "SqlitelogConsumerPlugin"

# How often a caught-up iteration looks for a new row (Hermes' own SQLite consumer: every 0.5 s).
POLL_INTERVAL_S = 0.005
# Rows read per query: an iteration reads ahead this many, never more.
BATCH_ROWS = 256
# A producer's commit locks the file for a moment: wait this long for it.
LOCK_WAIT_S = 30.0


class SqlitelogConsumerPlugin(AbstractMessageBusConsumerPlugin):
    """Reads the file read-only; a missing file (or one without the table yet) is a bus on which nothing was written,
    and every read looks again. The position and the timeout survive ``close()`` and ``open()``."""

    def __init__(self, settings: dict[str, Any]):
        super().__init__(settings)
        self._uri = str(settings["uri"])
        self._db: Optional[sqlite3.Connection] = None
        self._opened = False
        self._timeout_s: Optional[float] = None  # None: wait forever
        self._position = 0  # before any seek: the oldest event
        self._moves = 0  # counts seeks, so that a running iteration reads from the new position

    # -- connection ------------------------------------------------------------------------------------------------

    def open(self) -> Any:
        """Opens the file read-only when it exists; when it does not, every read tries again."""
        self._opened = True
        self._connection()

    def close(self):
        """Closes the file; closing again does nothing."""
        self._opened = False
        db, self._db = self._db, None
        if db is not None:
            db.close()

    def _connection(self) -> Optional[sqlite3.Connection]:
        if not self._opened:
            raise RuntimeError("the consumer is not open")
        if self._db is None:
            path = urllib.parse.quote(os.path.abspath(self._uri))
            try:
                # used by one thread at a time, not always the one that opened it (a bridge's, a test's)
                self._db = sqlite3.connect(
                    "file:" + path + "?mode=ro",
                    uri=True,
                    timeout=LOCK_WAIT_S,
                    isolation_level=None,
                    check_same_thread=False,
                )
            except sqlite3.OperationalError:
                return None  # no file yet
        return self._db

    def _query(self, sql: str, parameters=()) -> list:
        """The rows of ``sql``; none while there is no file or no table."""
        db = self._connection()
        if db is None:
            return []
        try:
            return db.execute(sql, parameters).fetchall()
        except sqlite3.OperationalError as e:
            if "no such table" in str(e):
                return []
            raise

    def _bounds(self) -> tuple[int, int]:
        """The range ``seek`` accepts: the oldest msgid (the end when there is none) and the end, one past the last
        msgid SQLite ever handed out (``sqlite_sequence``: deleted rows keep it)."""
        rows = self._query(
            "SELECT (SELECT MIN(msgid) FROM hermesmessages),"
            " (SELECT seq FROM sqlite_sequence WHERE name = 'hermesmessages')"
        )
        oldest, last = rows[0] if rows else (None, None)
        end = (last or 0) + 1
        return (end if oldest is None else oldest), end

    # -- position --------------------------------------------------------------------------------------------------

    def _move_to(self, position: int):
        self._position = position
        self._moves += 1

    def seekToBeginning(self):
        """Moves to the oldest event; on a bus without events, to the end: the next event published."""
        self._move_to(self._bounds()[0])

    def seek(self, offset: Any):
        """Moves to the first event whose msgid is ``>= offset``: from the oldest msgid to the end (one past the
        newest), as Hermes' SQLite consumer accepts; anything else raises ``IndexError``, position unchanged."""
        if isinstance(offset, bool) or not isinstance(offset, int):
            raise TypeError("offsets of this bus are int, not %s: %r" % (type(offset).__name__, offset))
        low, end = self._bounds()
        if not low <= offset <= end:
            raise IndexError("offset %d is not in the bus, which accepts %d to %d" % (offset, low, end))
        self._move_to(offset)

    # -- reading ---------------------------------------------------------------------------------------------------

    def setTimeout(self, timeout_ms: Optional[int]):
        """How long a caught-up iteration waits for a next event, in ms, from the start of each wait; ``None``:
        forever; 0: not at all."""
        if timeout_ms is None:
            self._timeout_s = None
        elif isinstance(timeout_ms, bool) or not isinstance(timeout_ms, int) or timeout_ms < 0:
            raise ValueError("a timeout is None or an int of milliseconds >= 0, not %r" % (timeout_ms,))
        else:
            self._timeout_s = timeout_ms / 1000.0

    def findNextEventOfCategory(self, category: str) -> Optional[Event]:
        """The first event of exactly ``category`` from the position, waiting as iteration does; the position is then
        just after it. ``None`` once the wait ended; the events scanned are consumed either way."""
        for event in self:
            if event.evcategory == category:
                return event
        return None

    def __iter__(self) -> Iterator[Event]:
        """Yields each event from the position, moving the position past it before yielding it (so a new iteration
        continues where this one stopped); once caught up, waits up to the timeout, restarted after each event."""
        self._connection()
        return self._events()

    def _events(self) -> Iterator[Event]:
        deadline = self._deadline()
        while True:
            moves = self._moves
            rows = self._rows_from(self._position)
            for msgid, data, timestamp in rows:
                if self._moves != moves:
                    break  # a seek while this iteration was suspended: read from there
                event = self._to_event(msgid, data, timestamp)
                self._position = msgid + 1
                yield event
                deadline = self._deadline()
            if rows:
                continue
            if deadline is None:
                time.sleep(POLL_INTERVAL_S)
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return  # looked once more after the deadline: nothing came
            time.sleep(min(POLL_INTERVAL_S, remaining))

    def _deadline(self) -> Optional[float]:
        return None if self._timeout_s is None else time.monotonic() + self._timeout_s

    def _rows_from(self, position: int) -> list:
        """The next rows (msgid, data, timestamp) from ``position`` on, in msgid order, at most ``BATCH_ROWS``."""
        return self._query(
            "SELECT msgid, data, timestamp FROM hermesmessages WHERE msgid >= ? ORDER BY msgid LIMIT ?",
            (position, BATCH_ROWS),
        )

    def _to_event(self, msgid: int, data: str, timestamp: float) -> Event:
        event = Event.from_json(data)
        event.offset = msgid
        event.timestamp = datetime.datetime.fromtimestamp(timestamp, tz=datetime.timezone.utc)
        return event
