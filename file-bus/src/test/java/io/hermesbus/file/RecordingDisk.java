package io.hermesbus.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records every change the bus makes to the files of one folder, in the order the kernel saw them: file creations,
 * renames, deletions and folder forces, and per file its writes, truncations and forces. The real files are changed
 * too (so the bus reads what it wrote), but nothing is really forced: durability is {@link DiskLog}'s model, not the
 * machine's. Files outside the folder pass through untouched.
 *
 * <p>Each change is recorded and made under one lock, so the log's order is the order of the changes.
 */
final class RecordingDisk extends FileIo.Disk {
    private final Path folder;
    private final List<DiskOp> ops = new ArrayList<>();
    private final Map<String, Integer> names = new HashMap<>();
    private int files;

    RecordingDisk(Path folder) throws IOException {
        this.folder = folder.toRealPath();
    }

    /** Marks that the send of {@code event} returned: acknowledged at this point of the log. */
    synchronized void acknowledge(int event) {
        ops.add(DiskOp.ack(event));
    }

    synchronized DiskLog log() {
        return new DiskLog(List.copyOf(ops));
    }

    private boolean mine(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return folder.equals(parent);
    }

    @Override
    FileChannel open(Path file, OpenOption... options) throws IOException {
        if (!mine(file)) {
            return super.open(file, options);
        }
        Set<OpenOption> given = Set.of(options);
        synchronized (this) {
            FileChannel channel = super.open(file, options);
            String name = file.getFileName().toString();
            Integer id = names.get(name);
            if (id == null) {
                id = files++;
                names.put(name, id);
                ops.add(DiskOp.create(name, id));
            } else if (given.contains(StandardOpenOption.TRUNCATE_EXISTING) && given.contains(StandardOpenOption.WRITE)) {
                ops.add(DiskOp.truncate(id, 0));
            }
            return given.contains(StandardOpenOption.WRITE) ? new Recording(channel, id) : channel;
        }
    }

    @Override
    synchronized void move(Path from, Path to) throws IOException {
        super.move(from, to);
        if (mine(from)) {
            String name = to.getFileName().toString();
            names.put(name, names.remove(from.getFileName().toString()));
            ops.add(DiskOp.rename(from.getFileName().toString(), name));
        }
    }

    @Override
    synchronized boolean deleteIfExists(Path file) throws IOException {
        boolean deleted = super.deleteIfExists(file);
        if (deleted && mine(file)) {
            String name = file.getFileName().toString();
            Integer id = names.remove(name);
            ops.add(DiskOp.delete(name, id == null ? -1 : id)); // -1: a file that was there before the recording
        }
        return deleted;
    }

    @Override
    synchronized void forceFolder(Path folder) throws IOException {
        if (this.folder.equals(folder.toAbsolutePath())) {
            ops.add(DiskOp.forceFolder());
        } else {
            super.forceFolder(folder);
        }
    }

    /** A channel on a file of the folder that records what it changes. */
    private final class Recording extends FileChannel {
        private final FileChannel file;
        private final int id;

        Recording(FileChannel file, int id) {
            this.file = file;
            this.id = id;
        }

        private void requireOpen() throws ClosedChannelException {
            if (!isOpen()) {
                throw new ClosedChannelException();
            }
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            synchronized (RecordingDisk.this) {
                requireOpen();
                ByteBuffer copy = source.duplicate();
                int written = file.write(source, position);
                byte[] bytes = new byte[written];
                copy.get(bytes);
                ops.add(DiskOp.write(id, position, bytes));
                return written;
            }
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            synchronized (RecordingDisk.this) {
                long position = file.position();
                int written = write(source, position);
                file.position(position + written);
                return written;
            }
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            synchronized (RecordingDisk.this) {
                requireOpen();
                if (size < file.size()) {
                    ops.add(DiskOp.truncate(id, size));
                }
                file.truncate(size);
                return this;
            }
        }

        @Override
        public void force(boolean metaData) throws IOException {
            synchronized (RecordingDisk.this) {
                requireOpen();
                ops.add(DiskOp.force(id));
            }
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            return file.read(target);
        }

        @Override
        public int read(ByteBuffer target, long position) throws IOException {
            return file.read(target, position);
        }

        @Override
        public long read(ByteBuffer[] targets, int offset, int length) throws IOException {
            return file.read(targets, offset, length);
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) {
            throw new UnsupportedOperationException("the bus writes one buffer at a time");
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long position) throws IOException {
            file.position(position);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException("not used by the bus");
        }

        @Override
        public long transferFrom(ReadableByteChannel source, long position, long count) {
            throw new UnsupportedOperationException("not used by the bus");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException("not used by the bus");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
