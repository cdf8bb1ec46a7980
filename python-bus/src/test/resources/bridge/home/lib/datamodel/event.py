# A minimal stand-in of Hermes' Event for the bridge's own tests: keeps the JSON object it was read from and writes
# it back as Hermes does (json.dumps with indent=4, ASCII), which is enough for events that cross unchanged.
import json


class Event:
    def __init__(self, fields):
        self._fields = fields
        self.offset = None
        self.timestamp = None
        for key, value in fields.items():
            setattr(self, key, value)

    @staticmethod
    def from_json(jsondata):
        return Event(json.loads(jsondata) if isinstance(jsondata, str) else dict(jsondata))

    def to_json(self):
        return json.dumps(self._fields, indent=4)
