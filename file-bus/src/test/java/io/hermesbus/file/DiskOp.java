package io.hermesbus.file;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One change recorded by {@link RecordingDisk}: to the folder (a file created, renamed or deleted, the folder forced),
 * to a file (bytes written, a truncation, a force), or the acknowledgement of a send.
 *
 * @param file the file's number (its inode), -1 for changes of the folder alone
 * @param name the file's name (for a rename, the old one)
 * @param newName a rename's new name
 * @param position where a write starts; a truncation's new size; the acknowledged event's number
 * @param bytes what a write wrote
 */
record DiskOp(Kind kind, int file, String name, String newName, long position, byte[] bytes) {
    enum Kind { CREATE, RENAME, DELETE, FORCE_FOLDER, WRITE, TRUNCATE, FORCE, ACK }

    static DiskOp create(String name, int file) {
        return new DiskOp(Kind.CREATE, file, name, "", 0, new byte[0]);
    }

    static DiskOp rename(String from, String to) {
        return new DiskOp(Kind.RENAME, -1, from, to, 0, new byte[0]);
    }

    static DiskOp delete(String name, int file) {
        return new DiskOp(Kind.DELETE, file, name, "", 0, new byte[0]);
    }

    static DiskOp forceFolder() {
        return new DiskOp(Kind.FORCE_FOLDER, -1, "", "", 0, new byte[0]);
    }

    static DiskOp write(int file, long position, byte[] bytes) {
        return new DiskOp(Kind.WRITE, file, "", "", position, bytes);
    }

    static DiskOp truncate(int file, long size) {
        return new DiskOp(Kind.TRUNCATE, file, "", "", size, new byte[0]);
    }

    static DiskOp force(int file) {
        return new DiskOp(Kind.FORCE, file, "", "", 0, new byte[0]);
    }

    static DiskOp ack(int event) {
        return new DiskOp(Kind.ACK, -1, "", "", event, new byte[0]);
    }

    boolean changesFolder() {
        return kind == Kind.CREATE || kind == Kind.RENAME || kind == Kind.DELETE;
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeByte(kind.ordinal());
        out.writeInt(file);
        out.writeUTF(name);
        out.writeUTF(newName);
        out.writeLong(position);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static DiskOp readFrom(DataInputStream in) throws IOException {
        Kind kind = Kind.values()[in.readByte()];
        int file = in.readInt();
        String name = in.readUTF();
        String newName = in.readUTF();
        long position = in.readLong();
        byte[] bytes = in.readNBytes(in.readInt());
        return new DiskOp(kind, file, name, newName, position, bytes);
    }
}
