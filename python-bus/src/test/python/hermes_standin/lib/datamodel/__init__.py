"""Stand-in for Hermes' ``lib.datamodel`` package: only ``event.Event`` (see ../../README.md)."""
