"""Stand-in for Hermes' ``lib`` package: only the names Hermes' plugin contract shows (see ../README.md)."""
