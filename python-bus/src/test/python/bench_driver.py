"""The sqlitelog plugin pair driven from Python directly, without the bridge: the Python side of bench's
``PythonBridgeBenchmark`` (bench/README.md), which measures the same plugin driven from Java through python-bus'
bridge beside it, in one JMH run. The benchmark starts this script once per trial, as a long-lived child:

    python3 bench_driver.py consumer URI
    python3 bench_driver.py producer URI EVENTS_FILE

It loads the plugin as Hermes does (``test_plugins.load_plugin_class``), opens it, prints ``ready``, then answers
each line it reads on standard input with one line, a number:

- ``consumer``: ``seekToBeginning()``, then every event the consumer's iteration yields (timeout 0); how many;
- ``producer``: ``send(event)`` for each event of EVENTS_FILE (a JSON array of Hermes event JSON texts, read into
  ``Event`` objects once, at the start), in order, one transaction each; how many.

So a request costs one round trip for the whole pass, where the bridge pays one per event. End of standard input:
closes the plugin, exit 0. An exception: its traceback on standard error, exit 1.
"""

from __future__ import annotations

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
for _path in (HERE, os.path.join(HERE, "hermes_standin")):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from lib.datamodel.event import Event  # noqa: E402
from test_plugins import load_plugin_class  # noqa: E402


def read_all(consumer) -> int:
    consumer.seekToBeginning()
    read = 0
    for _ in consumer:
        read += 1
    return read


def send_all(producer, events: list) -> int:
    for event in events:
        producer.send(event)
    return len(events)


def main(argv: list) -> int:
    if len(argv) < 2 or argv[0] not in ("consumer", "producer") or (argv[0] == "producer") != (len(argv) == 3):
        sys.stderr.write(__doc__)
        return 2
    role, uri = argv[0], argv[1]
    plugin = load_plugin_class("messagebus_%ss" % role, "sqlitelog")({"uri": uri})
    if role == "consumer":
        plugin.setTimeout(0)
        serve = read_all
    else:
        with open(argv[2], encoding="utf-8") as file:
            events = [Event.from_json(text) for text in json.load(file)]

        def serve(producer):
            return send_all(producer, events)
    with plugin:
        print("ready", flush=True)
        for _ in sys.stdin:
            print(serve(plugin), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
