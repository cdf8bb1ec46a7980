"""Events per second of the sqlitelog plugin pair in Python alone, without the bridge: sends N events with the
producer plugin (one transaction each, as Hermes does), then reads them all with the consumer plugin's iteration
(timeout 0), and prints one JSON line. python-bus' Java benchmark compares the reading rate with reading the same
file through the bridge.

    python3 bench_direct.py [--events N] [--folder DIR]

Sending commits (and so syncs) each event: on a disk that is most of the run (55 events/s on CI's shared disk);
``--folder /dev/shm`` puts the bus file on a RAM file system.

Output keys: ``events``, ``send_events_per_s``, ``read_events_per_s``, ``event_json_bytes`` (of one event),
``python`` (version). Exit status 1 when the consumer did not read back exactly what was sent.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
for _path in (HERE, os.path.join(HERE, "hermes_standin")):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from lib.datamodel.event import Event  # noqa: E402
from test_plugins import load_plugin_class  # noqa: E402


def sample_event(n: int) -> Event:
    """A typical Hermes event: a user added, a dozen attributes."""
    return Event.from_json({
        "evcategory": "base", "eventtype": "added", "objtype": "Users", "objpkey": n,
        "objattrs": {
            "user_id": n, "login": "user_%d" % n, "first_name": "Ren\u00e9e", "last_name": "Dupont",
            "mail": "user_%d@example.org" % n, "edupersonaffiliation": ["employee", "member", "staff"],
            "uid_number": 10000 + n, "gid_number": 100, "home": "/home/user_%d" % n, "shell": "/bin/bash",
            "active": True, "quota_mb": 2048.5,
        },
        "step": 0, "isPartiallyProcessed": False,
    })


def run(events: int, folder: str) -> dict:
    uri = os.path.join(folder, "bench.sqlite")
    producer = load_plugin_class("messagebus_producers", "sqlitelog")({"uri": uri})
    consumer = load_plugin_class("messagebus_consumers", "sqlitelog")({"uri": uri})
    sent = [sample_event(n) for n in range(events)]
    with producer:
        start = time.perf_counter()
        for event in sent:
            producer.send(event)
        send_s = time.perf_counter() - start
    with consumer:
        consumer.setTimeout(0)
        consumer.seekToBeginning()
        start = time.perf_counter()
        read = 0
        for event in consumer:
            if event.objpkey != read:
                raise SystemExit("event %d came back as %r" % (read, event))
            read += 1
        read_s = time.perf_counter() - start
    if read != events:
        raise SystemExit("sent %d events, read %d" % (events, read))
    return {
        "events": events,
        "send_events_per_s": round(events / send_s, 1),
        "read_events_per_s": round(events / read_s, 1),
        "event_json_bytes": len(sent[0].to_json().encode("utf-8")),
        "python": platform.python_version(),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=2000, help="how many events to send and read (default 2000)")
    parser.add_argument("--folder", help="where to make the temporary folder of the bus file, deleted after"
                        " (default: the system's temporary folder)")
    args = parser.parse_args(argv)
    if args.events < 1:
        parser.error("--events must be at least 1")
    folder = tempfile.mkdtemp(prefix="bench-direct-", dir=args.folder)
    try:
        print(json.dumps(run(args.events, folder)))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
