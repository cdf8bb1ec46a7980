"""Stand-in for Hermes' ``lib.datamodel.event``: ``Event`` and its JSON, exactly as Hermes writes and reads it
(``shared/fixtures/hermes/README.md`` describes the format; what we learned of Hermes is in ../../README.md).

Writing: the keys in Hermes' order, ``json.dumps`` with a 4-space indent (so ``,`` and ``": "``), every character
outside printable ASCII as ``\\uXXXX``, floats as Python's ``repr`` (``NaN`` and the infinities included), ``bytes`` as
``HermesBytes(<base64>)``, a ``datetime`` as ``HermesDatetime(YYYY-MM-DDTHH:MM:SSZ)`` (its wall time, zone dropped),
a tuple as a list, a set as its sorted list.

Reading (from text): ``json.loads``, then every string value (not the keys), at any depth, that is wholly a marker
becomes what it marks when it decodes: ``HermesDatetime(...)`` a naive ``datetime``, ``HermesBytes(...)`` the
``bytes`` of lenient base64; a list ``objpkey`` becomes a tuple. A ``dict`` given instead of text is taken as it is.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import re
from typing import Any, Union

# The keys Hermes writes, in its order; offset and timestamp are never written.
_KEYS = ("evcategory", "eventtype", "objtype", "objpkey", "objattrs", "step", "isPartiallyProcessed")

_DATETIME_MARKER = re.compile(r"HermesDatetime\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})Z\)")
_BYTES_MARKER = re.compile(r"HermesBytes\(([^)]*)\)")


class _HermesEncoder(json.JSONEncoder):
    """The values JSON has no type for, as Hermes' markers."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            wall = o.replace(tzinfo=None).isoformat(timespec="seconds")
            return "HermesDatetime(" + wall + "Z)"
        if isinstance(o, (bytes, bytearray)):
            return "HermesBytes(" + base64.b64encode(bytes(o)).decode("ascii") + ")"
        if isinstance(o, (set, frozenset)):
            return sorted(o)
        return super().default(o)


def _decode_marker(text: str) -> Any:
    """``text``, or the value it marks when it is wholly a marker that decodes."""
    match = _DATETIME_MARKER.fullmatch(text)
    if match:
        try:
            return datetime.datetime.fromisoformat(match.group(1))
        except ValueError:
            return text
    match = _BYTES_MARKER.fullmatch(text)
    if match:
        try:
            # lenient, as Hermes reads it: characters outside the alphabet are dropped
            return base64.b64decode(match.group(1).encode("ascii"))
        except (binascii.Error, ValueError):
            return text
    return text


def _decode_markers(value: Any) -> Any:
    if isinstance(value, str):
        return _decode_marker(value) if value else value
    if isinstance(value, list):
        return [_decode_markers(item) for item in value]
    if isinstance(value, dict):
        return {key: _decode_markers(item) for key, item in value.items()}
    return value


class Event:
    """One Hermes event. ``offset`` and ``timestamp`` are set by the consumer that read it, never serialized."""

    def __init__(self, from_json_dict: dict[str, Any]):
        """An event holding the known keys of ``from_json_dict``; use ``Event.from_json``."""
        self.evcategory = None
        self.eventtype = None
        self.objtype = None
        self.objpkey = None
        self.objattrs = None
        self.step = 0
        for key in _KEYS[:-1]:
            if key in from_json_dict:
                setattr(self, key, from_json_dict[key])
        if isinstance(self.objpkey, list):
            self.objpkey = tuple(self.objpkey)
        # events written before the flag existed: partially processed exactly when a step was reached
        self.isPartiallyProcessed = from_json_dict.get("isPartiallyProcessed", self.step != 0)
        self.offset: Union[int, float, str, bytes, None] = None
        self.timestamp: datetime.datetime | None = None

    @staticmethod
    def from_json(jsondata: Union[str, dict[str, Any]]) -> "Event":
        """The event in ``jsondata``: Hermes' JSON text, or a ``dict`` of its keys taken as they are."""
        if isinstance(jsondata, str):
            return Event(_decode_markers(json.loads(jsondata)))
        if isinstance(jsondata, dict):
            return Event(jsondata)
        raise TypeError("jsondata must be a str or a dict, not " + type(jsondata).__name__)

    def to_json(self) -> str:
        """The event's JSON, byte for byte as Hermes writes it."""
        return json.dumps({key: getattr(self, key) for key in _KEYS}, cls=_HermesEncoder, indent=4)

    def __repr__(self) -> str:
        return "<Event(%s_%s %s, offset=%r)>" % (self.evcategory, self.eventtype, self.objtype, self.offset)
