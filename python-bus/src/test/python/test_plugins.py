"""Checks, in Python alone, the stand-in for Hermes' ``lib`` (its Event JSON against what Hermes wrote), the correct
``sqlitelog`` plugin pair, and that each wrong consumer differs from the correct one where its docstring says.

Run: ``python3 test_plugins.py`` (Python >= 3.9, standard library only). It needs Hermes' fixture files: set
``HERMESBUS_FIXTURES`` to ``shared/fixtures/hermes``, or keep ``shared/`` beside the clone (it is looked for beside
the working directory, this folder and their ancestors). ``PythonPluginsSelfTest`` (Java) runs it in ``mvn test``.
"""

from __future__ import annotations

import base64
import datetime
import glob
import importlib
import json
import math
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
# As Hermes runs: its folder (here the stand-in's) holds lib/, and plugins/ is imported from the folder holding it.
for _path in (HERE, os.path.join(HERE, "hermes_standin")):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from lib.datamodel.event import Event  # noqa: E402
from lib.plugins import (  # noqa: E402
    AbstractMessageBusConsumerPlugin,
    AbstractMessageBusProducerPlugin,
    FailedToSendEventError,
)

FIXTURES_VARIABLE = "HERMESBUS_FIXTURES"
WRONG_PREFIX = "sqlitelog_"
# Generous bound for anything that should happen at once or soon: only a broken plugin reaches it.
PATIENCE_S = 10.0


def load_plugin_class(family: str, name: str) -> type:
    """The plugin class as Hermes finds it: module ``plugins.<family>.<name>.<name>``, class named by its
    ``HERMES_PLUGIN_CLASSNAME``."""
    module = importlib.import_module("plugins.%s.%s.%s" % (family, name, name))
    return getattr(module, module.HERMES_PLUGIN_CLASSNAME)


def wrong_consumers() -> dict:
    """Each wrong consumer's folder name, with the SPEC rule its module docstring says it breaks."""
    found = {}
    for folder in sorted(glob.glob(os.path.join(HERE, "plugins", "messagebus_consumers", WRONG_PREFIX + "*"))):
        name = os.path.basename(folder)
        module = importlib.import_module("plugins.messagebus_consumers.%s.%s" % (name, name))
        match = re.search(r"breaks SPEC rule (\d+\.\d+)", module.__doc__ or "")
        found[name] = match.group(1) if match else None
    return found


def fixtures_folder() -> str:
    """``shared/fixtures/hermes``: from the environment, else beside the working directory, this folder or an
    ancestor. Fails, never skips, without it."""
    given = os.environ.get(FIXTURES_VARIABLE)
    if given:
        if os.path.isdir(os.path.join(given, "corpus")):
            return given
        raise AssertionError("%s=%s names no folder of Hermes fixtures" % (FIXTURES_VARIABLE, given))
    for start in (os.getcwd(), HERE):
        folder = os.path.abspath(start)
        while True:
            candidate = os.path.join(folder, "shared", "fixtures", "hermes")
            if os.path.isdir(os.path.join(candidate, "corpus")):
                return candidate
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    raise AssertionError("Hermes fixtures not found: set %s to shared/fixtures/hermes" % FIXTURES_VARIABLE)


def read_text(path: str) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def tagged(value):
    """A value as the corpus' ``.typed.json`` files tag what Hermes read."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return {"int": str(value)}
    if isinstance(value, float):
        return {"float": repr(value)}
    if isinstance(value, str):
        return {"str": value}
    if isinstance(value, bytes):
        return {"bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, (list, tuple)):
        return [tagged(item) for item in value]
    if isinstance(value, dict):
        return {"dict": [[key, tagged(item)] for key, item in value.items()]}
    raise TypeError(type(value))


def same_tree(a, b) -> bool:
    """Equal, with NaN equal to NaN (tags hold floats as text, so only plain values need it)."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    return a == b


def event(category: str, number: int = 0, **attrs) -> Event:
    return Event.from_json({
        "evcategory": category, "eventtype": "added", "objtype": "Users", "objpkey": number,
        "objattrs": dict({"n": number}, **attrs), "step": 0, "isPartiallyProcessed": False,
    })


class EventJsonTest(unittest.TestCase):
    """The stand-in's Event writes and reads Hermes' JSON as Hermes 1.0.9 did."""

    def test_every_corpus_event_reads_to_hermes_values_and_writes_hermes_bytes(self):
        events = os.path.join(fixtures_folder(), "corpus", "events")
        names = sorted(n for n in os.listdir(events) if re.fullmatch(r"\d{4}\.json", n))
        self.assertGreater(len(names), 1000)
        for name in names:
            text = read_text(os.path.join(events, name))
            expected_path = os.path.join(events, name[:-5] + ".expected.json")
            expected = read_text(expected_path) if os.path.exists(expected_path) else text
            read = Event.from_json(text)
            self.assertEqual(expected, read.to_json(), name)
            typed = json.loads(read_text(os.path.join(events, name[:-5] + ".typed.json")))
            for key, value in typed.items():
                self.assertTrue(same_tree(value, tagged(getattr(read, key))), "%s: %s" % (name, key))

    def test_the_eight_events_hermes_printed_write_back_byte_for_byte(self):
        paths = sorted(glob.glob(os.path.join(fixtures_folder(), "events", "*.json")))
        self.assertEqual(8, len(paths))
        for path in paths:
            text = read_text(path)
            self.assertEqual(text, Event.from_json(text).to_json(), path)

    def test_markers_values_and_what_is_never_written(self):
        moment = datetime.datetime(2024, 2, 29, 13, 5, 7)
        e = event("base", 1, when=moment, raw=b"\x00\xff", tags={"b", "a"}, name="\u00e9\U0001F600")
        e.offset, e.timestamp = 7, datetime.datetime.now(datetime.timezone.utc)
        text = e.to_json()
        self.assertIn('"when": "HermesDatetime(2024-02-29T13:05:07Z)"', text)
        self.assertIn('"raw": "HermesBytes(AP8=)"', text)
        self.assertIn('"name": "\\u00e9\\ud83d\\ude00"', text)
        self.assertNotIn("offset", text)
        self.assertNotIn("timestamp", text)
        self.assertEqual(["evcategory", "eventtype", "objtype", "objpkey", "objattrs", "step", "isPartiallyProcessed"],
                         list(json.loads(text)))
        back = Event.from_json(text)
        self.assertEqual(moment, back.objattrs["when"])
        self.assertEqual(b"\x00\xff", back.objattrs["raw"])
        self.assertEqual(["a", "b"], back.objattrs["tags"])
        self.assertEqual((1, "x"), Event.from_json('{"evcategory": "c", "objpkey": [1, "x"]}').objpkey)
        self.assertTrue(Event.from_json('{"evcategory": "c", "step": 2}').isPartiallyProcessed)
        self.assertEqual("HermesBytes(hello world)",
                         Event.from_json('{"evcategory": "c", "objattrs": {"a": "HermesBytes(hello world)"}}').objattrs["a"])


class BusTestCase(unittest.TestCase):
    """A fresh bus file per test, in a folder of its own, and the plugins to use on it."""

    consumer_name = "sqlitelog"

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="pyplugins-")
        self.addCleanup(shutil.rmtree, self.folder, True)
        self.uri = os.path.join(self.folder, "bus.sqlite")
        self.producer = self.new_producer()

    def new_producer(self):
        producer = load_plugin_class("messagebus_producers", "sqlitelog")({"uri": self.uri})
        self.addCleanup(producer.close)
        return producer

    def new_consumer(self, name=None, timeout_ms=0):
        consumer = load_plugin_class("messagebus_consumers", name or self.consumer_name)({"uri": self.uri})
        self.addCleanup(consumer.close)
        consumer.open()
        consumer.setTimeout(timeout_ms)
        return consumer

    def publish(self, *categories) -> list:
        with self.new_producer() as producer:
            for n, category in enumerate(categories):
                producer.send(event(category, n))
        return list(categories)

    def publish_later(self, delay_s: float, category: str = "late"):
        def send():
            time.sleep(delay_s)
            self.publish(category)
        thread = threading.Thread(target=send, daemon=True)
        thread.start()
        self.addCleanup(thread.join, PATIENCE_S)
        return thread

    @staticmethod
    def offsets(events) -> list:
        return [e.offset for e in events]

    @staticmethod
    def take(consumer, count: int) -> list:
        taken = []
        for e in consumer:
            taken.append(e)
            if len(taken) == count:
                break
        return taken

    @staticmethod
    def timed_list(consumer):
        start = time.monotonic()
        events = list(consumer)
        return events, time.monotonic() - start

    def in_thread(self, work):
        """Runs ``work`` on a daemon thread; returns a function giving (ended, result) after waiting at most
        PATIENCE_S for it."""
        box = {}
        thread = threading.Thread(target=lambda: box.setdefault("result", work()), daemon=True)
        thread.start()

        def outcome():
            thread.join(PATIENCE_S)
            return not thread.is_alive(), box.get("result")
        return outcome


class CorrectPairTest(BusTestCase):
    """The correct sqlitelog producer and consumer, directly in Python."""

    def test_the_producer_writes_hermes_table_and_the_consumer_reads_hermes_own_file(self):
        self.publish("base")
        with sqlite3.connect(self.uri) as ours, sqlite3.connect(os.path.join(fixtures_folder(), "sqlite-bus.sqlite")) as hermes:
            schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
            self.assertEqual(hermes.execute(schema).fetchall(), ours.execute(schema).fetchall())
        shutil.copy(os.path.join(fixtures_folder(), "sqlite-bus.sqlite"), self.uri)
        events = list(self.new_consumer())
        self.assertEqual(list(range(1, 9)), self.offsets(events))
        printed = sorted(glob.glob(os.path.join(fixtures_folder(), "events", "*.json")))
        self.assertEqual([read_text(p) for p in printed], [e.to_json() for e in events])

    def test_iteration_yields_every_event_once_in_order_with_int_offsets_and_utc_timestamps(self):
        before = datetime.datetime.now(datetime.timezone.utc)
        sent = [event("base", n, text="\u00e9") for n in range(5)]
        with self.new_producer() as producer:
            for e in sent:
                producer.send(e)
        events = list(self.new_consumer())
        self.assertEqual([1, 2, 3, 4, 5], self.offsets(events))
        self.assertTrue(all(type(e.offset) is int for e in events))
        self.assertEqual([e.to_json() for e in sent], [e.to_json() for e in events])
        for e in events:
            self.assertIsNotNone(e.timestamp.tzinfo)
            self.assertLess(abs((e.timestamp - before).total_seconds()), 60)

    def test_a_new_iteration_continues_where_the_last_stopped_and_a_second_consumer_has_its_own_position(self):
        self.publish("a", "b", "c", "d")
        first, second = self.new_consumer(), self.new_consumer()
        self.assertEqual([1, 2], self.offsets(self.take(first, 2)))
        self.assertEqual([1], self.offsets(self.take(second, 1)))
        self.assertEqual([3, 4], self.offsets(first))
        self.assertEqual([2, 3, 4], self.offsets(second))

    def test_seek_makes_the_event_at_the_offset_the_next_backwards_and_forwards(self):
        self.publish("a", "b", "c", "d", "e", "f")
        consumer = self.new_consumer()
        for offset in (4, 1, 6, 2, 5, 3):
            consumer.seek(offset)
            self.assertEqual([offset], self.offsets(self.take(consumer, 1)))

    def test_seek_of_newest_plus_one_is_the_end_where_the_next_event_published_comes(self):
        self.publish("a", "b")
        consumer = self.new_consumer()
        consumer.seek(3)
        self.assertEqual([], list(consumer))
        self.publish("c")
        self.assertEqual([3], self.offsets(consumer))

    def test_a_seek_outside_the_range_raises_index_error_and_leaves_the_position(self):
        self.publish("a", "b", "c")
        consumer = self.new_consumer()
        consumer.seek(2)
        for outside in (5, 0, -1):
            with self.assertRaises(IndexError):
                consumer.seek(outside)
        with self.assertRaises(TypeError):
            consumer.seek("2")
        self.assertEqual([2, 3], self.offsets(consumer))

    def test_seek_to_beginning_goes_to_the_oldest_also_after_reading_to_the_end(self):
        self.publish("a", "b")
        consumer = self.new_consumer()
        self.assertEqual([1, 2], self.offsets(consumer))
        consumer.seekToBeginning()
        self.assertEqual([1, 2], self.offsets(consumer))

    def test_on_a_bus_that_does_not_exist_yet_the_first_event_published_is_read_and_the_file_is_not_created(self):
        consumer = self.new_consumer(timeout_ms=None)
        consumer.seekToBeginning()
        self.assertEqual([], list(self.new_consumer()))
        self.assertFalse(os.path.exists(self.uri), "a read-only consumer created the bus file")
        with self.assertRaises(IndexError):
            consumer.seek(2)
        self.publish_later(0.2)
        self.assertEqual([1], self.offsets(self.take(consumer, 1)))

    def test_the_consumer_changes_nothing_in_the_file(self):
        self.publish("a", "b")
        with open(self.uri, "rb") as f:
            before = f.read()
        consumer = self.new_consumer()
        list(consumer)
        consumer.seekToBeginning()
        consumer.findNextEventOfCategory("b")
        consumer.close()
        with open(self.uri, "rb") as f:
            self.assertEqual(before, f.read())
        self.assertEqual(["bus.sqlite"], os.listdir(self.folder))

    def test_a_caught_up_iteration_waits_for_the_timeout_then_ends(self):
        self.publish("a")
        consumer = self.new_consumer(timeout_ms=300)
        events, elapsed = self.timed_list(consumer)
        self.assertEqual([1], self.offsets(events))
        self.assertGreaterEqual(elapsed, 0.3)
        self.assertLess(elapsed, 0.3 + PATIENCE_S)

    def test_an_event_published_during_a_wait_is_yielded_without_waiting_out_the_timeout(self):
        consumer = self.new_consumer(timeout_ms=int(PATIENCE_S * 3000))
        self.publish_later(0.2)
        start = time.monotonic()
        self.assertEqual([1], self.offsets(self.take(consumer, 1)))
        self.assertLess(time.monotonic() - start, PATIENCE_S)

    def test_with_timeout_none_iteration_waits_until_an_event_arrives(self):
        consumer = self.new_consumer(timeout_ms=None)
        outcome = self.in_thread(lambda: self.take(consumer, 1))
        time.sleep(0.5)
        self.publish("late")
        ended, taken = outcome()
        self.assertTrue(ended)
        self.assertEqual([1], self.offsets(taken))

    def test_the_wait_starts_again_after_each_event(self):
        consumer = self.new_consumer(timeout_ms=700)

        def publish_spaced():
            for category in ("a", "b", "c"):
                time.sleep(0.3)
                self.publish(category)
        thread = threading.Thread(target=publish_spaced, daemon=True)
        thread.start()
        self.assertEqual([1, 2, 3], self.offsets(consumer))
        thread.join(PATIENCE_S)

    def test_find_next_event_of_category_returns_the_first_exact_match_and_leaves_the_position_after_it(self):
        self.publish("a", "Users", "users", "usersX", "users", "b")
        consumer = self.new_consumer()
        found = consumer.findNextEventOfCategory("users")
        self.assertEqual((3, "users"), (found.offset, found.evcategory))
        self.assertIsNotNone(found.timestamp)
        self.assertEqual([4, 5, 6], self.offsets(consumer))

    def test_find_next_event_of_category_without_match_returns_none_after_the_timeout_having_consumed_what_it_read(self):
        self.publish("a", "b")
        consumer = self.new_consumer(timeout_ms=200)
        start = time.monotonic()
        self.assertIsNone(consumer.findNextEventOfCategory("c"))
        self.assertGreaterEqual(time.monotonic() - start, 0.2)
        self.publish("d")
        self.assertEqual([3], self.offsets(consumer))

    def test_find_next_event_of_category_finds_an_event_published_while_it_waits(self):
        consumer = self.new_consumer(timeout_ms=int(PATIENCE_S * 1000))
        self.publish_later(0.2, "wanted")
        self.assertEqual(1, consumer.findNextEventOfCategory("wanted").offset)

    def test_close_twice_reopen_and_the_position_is_kept(self):
        self.publish("a", "b", "c")
        consumer = self.new_consumer()
        self.assertEqual([1], self.offsets(self.take(consumer, 1)))
        consumer.close()
        consumer.close()
        consumer.open()
        self.assertEqual([2, 3], self.offsets(consumer))
        consumer.seekToBeginning()
        self.assertEqual([1, 2, 3], self.offsets(consumer))

    def test_sending_on_a_producer_that_is_not_open_fails_and_writes_nothing(self):
        producer = self.new_producer()
        with self.assertRaises(FailedToSendEventError):
            producer.send(event("a"))
        self.assertEqual([], list(self.new_consumer()))
        self.assertIsInstance(producer, AbstractMessageBusProducerPlugin)

    def test_producers_on_several_threads_all_arrive_once_each_in_order(self):
        def send_all(category):
            with self.new_producer() as producer:
                for n in range(25):
                    producer.send(event(category, n))
        threads = [threading.Thread(target=send_all, args=("p%d" % i,)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(PATIENCE_S * 6)
        events = list(self.new_consumer())
        self.assertEqual(list(range(1, 101)), self.offsets(events))
        for i in range(4):
            self.assertEqual(list(range(25)), [e.objpkey for e in events if e.evcategory == "p%d" % i])


class WrongConsumersTest(BusTestCase):
    """Each wrong consumer differs from the correct one where its docstring says (and the correct one does not)."""

    def test_every_wrong_consumer_names_the_rule_it_breaks_and_is_a_hermes_consumer_plugin(self):
        found = wrong_consumers()
        self.assertGreaterEqual(len(found), 4)
        for name, rule in found.items():
            self.assertIsNotNone(rule, name + ": no 'breaks SPEC rule N.N' in its docstring")
            self.assertTrue(issubclass(load_plugin_class("messagebus_consumers", name), AbstractMessageBusConsumerPlugin))

    def test_offbyoneseek_positions_after_the_offset(self):
        self.publish("a", "b", "c")
        for name, expected in (("sqlitelog", [2, 3]), ("sqlitelog_offbyoneseek", [3])):
            consumer = self.new_consumer(name)
            consumer.seek(2)
            self.assertEqual(expected, self.offsets(consumer), name)

    def test_skipscurrent_never_yields_the_event_at_the_position(self):
        self.publish("a", "b", "c")
        for name, expected in (("sqlitelog", [1, 2, 3]), ("sqlitelog_skipscurrent", [2, 3])):
            consumer = self.new_consumer(name)
            consumer.seekToBeginning()
            self.assertEqual(expected, self.offsets(consumer), name)

    def test_ignorestimeout_ends_a_wait_that_should_last_forever(self):
        self.publish("a")
        for name, expected in (("sqlitelog_ignorestimeout", []), ("sqlitelog", [2])):
            consumer = self.new_consumer(name, timeout_ms=None)
            self.assertEqual([1], self.offsets(self.take(consumer, 1)), name)
            waited = self.in_thread(lambda: self.take(consumer, 1))
            if expected:
                self.publish_later(0.5)  # wakes the correct consumer, which would wait for it forever
            ended, taken = waited()
            self.assertTrue(ended, name)
            self.assertEqual(expected, self.offsets(taken), name)

    def test_findkeepsposition_yields_the_found_event_again(self):
        self.publish("a", "b", "c")
        for name, expected in (("sqlitelog", [3]), ("sqlitelog_findkeepsposition", [2, 3])):
            consumer = self.new_consumer(name)
            self.assertEqual(2, consumer.findNextEventOfCategory("b").offset, name)
            self.assertEqual(expected, self.offsets(consumer), name)

    def test_seekclamps_accepts_offsets_outside_the_range(self):
        self.publish("a", "b")
        consumer = self.new_consumer("sqlitelog_seekclamps")
        consumer.seek(1)
        consumer.seek(9)
        self.assertEqual([], list(consumer))
        consumer.seek(-3)
        self.assertEqual([1, 2], self.offsets(consumer))
        correct = self.new_consumer()
        with self.assertRaises(IndexError):
            correct.seek(9)

    def test_repeatsoffsets_gives_every_event_the_first_offset(self):
        self.publish("a", "b", "c")
        for name, expected in (("sqlitelog", [1, 2, 3]), ("sqlitelog_repeatsoffsets", [1, 1, 1])):
            self.assertEqual(expected, self.offsets(self.new_consumer(name)), name)


def main(argv=None) -> int:
    """Runs the tests (``unittest``'s command line); 0 when all passed. Prints ``ran N tests`` as its last line."""
    program = unittest.main(module=sys.modules[__name__], argv=[sys.argv[0]] + list(sys.argv[1:] if argv is None else argv),
                            exit=False, verbosity=2)
    result = program.result
    print("ran %d tests" % result.testsRun)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
