package io.hermesbus.file;

/** What a {@link SegmentReader} found at a byte position of a segment. */
enum RecordStatus {
    /** A whole, valid record; its fields are in the reader's {@link RecordView}. */
    RECORD,
    /** The end of the file, exactly. */
    END,
    /** The start of a record whose bytes do not all exist yet: being written, or a torn tail. */
    INCOMPLETE,
    /** Bytes that are not a valid record: a length out of range or a CRC that does not match. */
    INVALID
}
