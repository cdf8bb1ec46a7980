package io.hermesbus.file;

/**
 * One entry of a segment's sparse index: the record with {@code offset} starts at byte {@code position} of the
 * segment file. A hint only, until {@link SegmentWalk#from} checked it against the log.
 */
record IndexEntry(long offset, long position) {
}
