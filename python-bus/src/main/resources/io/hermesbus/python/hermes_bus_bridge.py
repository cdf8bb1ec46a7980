# hermes-bus: the bridge between a Java plugin of the python bus and one Hermes plugin written in Python.
#
# Started by io.hermesbus.python.BridgeProcess as `python3 -B hermes_bus_bridge.py`, one process per Java plugin.
# It reads one JSON request per line on its standard input and writes one JSON reply per line on the standard
# output it was started with; everything else the plugin prints goes to standard error. The protocol, the tagged
# offsets and the error replies are described in python-bus/README.md ("The bridge"). Python 3.9 or later, standard
# library only.

import base64
import builtins
import datetime
import importlib
import importlib.util
import json
import logging
import os
import sys
import threading
import time
import traceback

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
MAX_TRACEBACK_CHARS = 8000
OPERATIONS = {"load", "open", "close", "seekToBeginning", "seek", "next", "find", "send"}


class BridgeError(Exception):
    """A fault the bridge finds in what the plugin did (not a Python exception the plugin raised)."""


class Bridge:
    def __init__(self):
        self.plugin = None
        self.role = None
        self.event_class = None
        self.generator = None
        self.yielded = 0  # events the live generator yielded since it was made
        self.skip = None  # an offset the next read steps over (see restore_position)

    # ---- requests

    def load(self, req):
        home = req.get("hermes_home")
        if home:
            sys.path.insert(0, home)
        self.role = req["role"]
        provide_hermes_global(self.role)
        if "file" in req:
            path = req["file"]
            name = os.path.splitext(os.path.basename(path))[0]
            spec = importlib.util.spec_from_file_location("hermes_bus_" + self.role + "_" + name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            spec.loader.exec_module(module)
        else:
            module = importlib.import_module(req["module"])
        class_name = req.get("class") or getattr(module, "HERMES_PLUGIN_CLASSNAME", None)
        if not class_name:
            raise BridgeError("module " + module.__name__ + " (" + str(getattr(module, "__file__", "?"))
                              + ") sets no HERMES_PLUGIN_CLASSNAME naming its plugin class")
        plugin_class = getattr(module, class_name, None)
        if plugin_class is None:
            raise BridgeError("module " + module.__name__ + " has no class " + class_name
                              + " (named by HERMES_PLUGIN_CLASSNAME)")
        if self.role == "producer":
            # the producer gets events as Hermes' own Event, read from Hermes JSON
            self.event_class = importlib.import_module("lib.datamodel.event").Event
        self.plugin = plugin_class(req["settings"])
        return {"class": plugin_class.__module__ + "." + plugin_class.__qualname__}

    def open(self, req):
        self.drop_generator()
        self.skip = None
        self.plugin.open()
        return {}

    def close(self, req):
        self.drop_generator()
        self.skip = None
        self.plugin.close()
        return {}

    # A seek ends the generator only once it succeeded: a refused one leaves everything as it was, the generator
    # too (a plugin may move its position only when its generator resumes, as Hermes' SQLite consumer does).

    def seekToBeginning(self, req):
        self.plugin.seekToBeginning()
        self.drop_generator()
        self.skip = None
        return {}

    def seek(self, req):
        self.plugin.seek(untag_offset(req["offset"]))
        self.drop_generator()
        self.skip = None
        return {}

    def next(self, req):
        self.plugin.setTimeout(req["timeout_ms"])
        while True:
            if self.generator is None:
                self.generator = iter(self.plugin)
                self.yielded = 0
            try:
                event = next(self.generator)
            except StopIteration:
                self.generator = None
                return {"end": True}
            except BaseException:
                self.generator = None  # an exception ends a generator: the next read starts a new one
                raise
            self.yielded += 1
            reply = describe(event)
            if self.is_skipped(event):
                continue
            return {"event": reply}

    def find(self, req):
        if self.generator is not None and self.yielded > 0:
            # the generator went past what Java holds or read: put the plugin where Java's position is
            self.drop_generator()
            self.restore_position(req.get("position"))
        else:
            self.drop_generator()
        self.plugin.setTimeout(req["timeout_ms"])
        category = req["category"]
        while True:
            event = self.plugin.findNextEventOfCategory(category)
            if event is None:
                self.skip = None
                return {"none": True}
            reply = describe(event)
            if self.is_skipped(event):
                continue
            return {"event": reply}

    def is_skipped(self, event):
        """Whether event is the one a restored position asked to step over; either way, the request is used up."""
        skip, self.skip = self.skip, None
        return skip is not None and event.offset == skip and type(event.offset) is type(skip)

    def send(self, req):
        self.plugin.send(self.event_class.from_json(req["json"]))
        return {}

    # ---- helpers

    def drop_generator(self):
        generator, self.generator = self.generator, None
        self.yielded = 0
        close = getattr(generator, "close", None)
        if close is not None:
            close()

    def restore_position(self, position):
        """Seeks the plugin to Java's position, after the last event Java stepped over."""
        if position is None:
            return
        after = untag_offset(position["after"])
        successor = position.get("successor")
        if successor is not None:
            try:
                self.plugin.seek(untag_offset(successor))
                return
            except Exception:
                pass  # beyond the end for float, str and bytes offsets: seek to the event itself and step over it
        self.plugin.seek(after)
        self.skip = after


def provide_hermes_global(role):
    """Gives the plugin Hermes' global `__hermes__` (its `appname` and `logger`), unless something already did.

    Hermes' entry point puts it in `builtins` before it loads any plugin, and Hermes' lib and plugins log through
    `__hermes__.logger` (a missing bus file, a failed send, a failed close): without it they raise NameError there.
    Here the logger writes to standard error, whose last lines the Java side quotes in its errors.
    """
    if hasattr(builtins, "__hermes__"):
        return
    appname = "hermes-bus-" + role
    logger = logging.getLogger(appname)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    # Hermes' is a threading.local set on its main thread; a plain object is seen from every thread
    builtins.__hermes__ = type("HermesGlobal", (), {})()
    builtins.__hermes__.appname = appname
    builtins.__hermes__.logger = logger


def tag_offset(offset):
    kind = type(offset)
    if kind is int:
        return {"int": str(offset)}
    if kind is float:
        return {"float": repr(offset)}
    if kind is str:
        return {"str": offset}
    if kind is bytes:
        return {"bytes": base64.b64encode(offset).decode("ascii")}
    raise BridgeError("the plugin gave an event whose offset is " + repr(offset)[:200] + " of type "
                      + kind.__name__ + "; Hermes needs an int, float, str or bytes")


def untag_offset(tagged):
    if "int" in tagged:
        return int(tagged["int"])
    if "float" in tagged:
        return float(tagged["float"])
    if "str" in tagged:
        return tagged["str"]
    return base64.b64decode(tagged["bytes"])


def describe(event):
    """An event as it crosses to Java: Hermes' own JSON, its tagged offset, its timestamp in epoch microseconds."""
    if not hasattr(event, "to_json"):
        raise BridgeError("the plugin gave " + repr(event)[:200] + " of type " + type(event).__name__
                          + " instead of a lib.datamodel.event.Event")
    offset = tag_offset(getattr(event, "offset", None))
    timestamp = getattr(event, "timestamp", None)
    if not isinstance(timestamp, datetime.datetime):
        raise BridgeError("the plugin gave an event whose timestamp is " + repr(timestamp)[:200]
                          + "; Hermes needs a datetime.datetime")
    return {"json": event.to_json(), "offset": offset, "timestamp_us": epoch_micros(timestamp)}


def epoch_micros(timestamp):
    if timestamp.tzinfo is None:
        try:
            timestamp = timestamp.astimezone()  # naive means local time, as datetime.timestamp() reads it
        except (OverflowError, ValueError, OSError):
            timestamp = timestamp.replace(tzinfo=datetime.timezone.utc)  # years the platform's clock cannot place
    delta = timestamp - EPOCH
    return (delta.days * 86400 + delta.seconds) * 1000000 + delta.microseconds


def error_reply(request_id, error):
    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    if len(trace) > MAX_TRACEBACK_CHARS:
        trace = "...\n" + trace[-MAX_TRACEBACK_CHARS:]
    kind = type(error)
    reply = {
        "type": kind.__module__ + "." + kind.__qualname__,
        "bases": [base.__module__ + "." + base.__qualname__ for base in kind.__mro__],
        "message": str(error),
        "traceback": trace,
        "bridge": isinstance(error, BridgeError),
    }
    if isinstance(error, KeyError) and error.args:
        reply["key"] = str(error.args[0])
    return {"id": request_id, "error": reply}


def watch_parent(parent):
    """Ends this process when the JVM that started it is gone, even while the plugin waits without a timeout."""
    while True:
        time.sleep(1)
        if os.getppid() != parent:
            os._exit(3)


def main():
    protocol = os.fdopen(os.dup(1), "w", encoding="ascii", newline="\n")
    os.dup2(2, 1)  # the plugin's prints (and any C library's) go to standard error, never into the protocol
    sys.stdout = sys.stderr
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    bridge = Bridge()
    while True:
        line = sys.stdin.readline()
        if not line:
            return  # the JVM closed the pipe: the Java plugin is done with this process
        request = json.loads(line)
        request_id = request.get("id")
        try:
            if request["op"] not in OPERATIONS:
                raise BridgeError("unknown operation " + repr(request["op"]))
            reply = {"id": request_id, "ok": getattr(bridge, request["op"])(request)}
        except BaseException as error:  # noqa: B902 - every exception is the plugin's answer, reported to Java
            reply = error_reply(request_id, error)
            if isinstance(error, (KeyboardInterrupt, SystemExit)):
                protocol.write(json.dumps(reply) + "\n")
                protocol.flush()
                raise
        try:
            text = json.dumps(reply, ensure_ascii=True)
        except (TypeError, ValueError) as error:
            text = json.dumps(error_reply(request_id, BridgeError("cannot send the reply: " + str(error))))
        protocol.write(text + "\n")
        protocol.flush()


if __name__ == "__main__":
    main()
