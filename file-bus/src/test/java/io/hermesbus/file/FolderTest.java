package io.hermesbus.file;

import static io.hermesbus.file.TestBus.numbers;
import static io.hermesbus.file.TestBus.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Offset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code path} folder: what must be there, what is created, what else may lie in it. */
class FolderTest {

    @Test
    void aPathThatIsAFileIsRefusedNamingIt() throws Exception {
        try (TestBus bus = new TestBus()) {
            Path file = Files.writeString(bus.folder.resolve("bus"), "not a folder");
            Map<String, Object> settings = Map.of("path", file.toString());

            InvalidSettingsException consumerError = catchThrowableOfType(InvalidSettingsException.class,
                    () -> new FileBusConsumer(settings).open());
            InvalidSettingsException producerError = catchThrowableOfType(InvalidSettingsException.class,
                    () -> new FileBusProducer(settings).open());

            for (InvalidSettingsException error : new InvalidSettingsException[] {consumerError, producerError}) {
                assertThat(error.setting()).isEqualTo("path");
                assertThat(error).hasMessageContaining(file.toString()).hasMessageContaining("is a file, not a folder");
            }
        }
    }

    @Test
    void aMissingFolderIsAnErrorForConsumersAndCreatedWithItsParentsByProducers() throws Exception {
        try (TestBus bus = new TestBus()) {
            Path missing = bus.folder.resolve("a/b/bus");
            Map<String, Object> settings = Map.of("path", missing.toString());

            InvalidSettingsException error = catchThrowableOfType(InvalidSettingsException.class,
                    () -> new FileBusConsumer(settings).open());
            assertThat(error.setting()).isEqualTo("path");
            assertThat(error).hasMessageContaining(missing.toString()).hasMessageContaining("start a producer first");

            try (FileBusProducer producer = new FileBusProducer(settings)) {
                producer.open();
                producer.send(TestBus.event(0));
            }
            try (FileBusConsumer consumer = new FileBusConsumer(settings)) {
                consumer.open();
                consumer.setTimeout(0);
                assertThat(numbers(readAll(consumer))).containsExactly(0L);
            }
        }
    }

    @Test
    void aFolderWithoutWritePermissionIsRefusedToProducersNamingIt() throws Exception {
        // root may write anywhere, whatever the permissions say, so the refusal cannot be seen as root
        assumeFalse("root".equals(System.getProperty("user.name")), "running as root, which ignores permissions");
        try (TestBus bus = new TestBus()) {
            Path readOnly = Files.createDirectory(bus.folder.resolve("read-only"));
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
            try {
                InvalidSettingsException error = catchThrowableOfType(InvalidSettingsException.class,
                        () -> new FileBusProducer(Map.of("path", readOnly.toString())).open());
                assertThat(error.setting()).isEqualTo("path");
                assertThat(error).hasMessageContaining(readOnly.toString()).hasMessageContaining("not writable");
            } finally {
                Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    @Test
    void otherFilesInTheFolderAreIgnored() throws Exception {
        try (TestBus bus = new TestBus()) {
            Files.writeString(bus.folder.resolve("notes.txt"), "hello");
            Files.writeString(bus.folder.resolve("00000000000000000007.idx"), "an index without its log");
            Files.createDirectory(bus.folder.resolve("archive"));
            TestBus.send(bus.producer(), 0, 3);

            assertThat(numbers(readAll(bus.consumer()))).containsExactly(0L, 1L, 2L);
            assertThat(bus.folder.resolve("notes.txt")).hasContent("hello");
        }
    }

    @Test
    void aLogFileNotNamedAsASegmentIsAnErrorNamingItAndIsKept() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer(), 0, 1);
            Path foreign = Files.writeString(bus.folder.resolve("server.log"), "INFO started");

            CorruptLogException consumerError = catchThrowableOfType(CorruptLogException.class,
                    () -> new FileBusConsumer(bus.settings()).open());
            CorruptLogException producerError = catchThrowableOfType(CorruptLogException.class,
                    () -> new FileBusProducer(bus.settings()).open());

            for (CorruptLogException error : new CorruptLogException[] {consumerError, producerError}) {
                assertThat(error.file().getFileName().toString()).isEqualTo("server.log");
                assertThat(error).hasMessageContaining("server.log").hasMessageContaining("20 decimal digits");
            }
            assertThat(foreign).hasContent("INFO started");
        }
    }

    @Test
    void aSegmentWithAForeignHeaderIsAnErrorNamingItAndIsKept() throws Exception {
        try (TestBus bus = new TestBus()) {
            Path foreign = Files.writeString(bus.segment(0), "SQLite format 3\0 and more bytes");

            CorruptLogException consumerError = catchThrowableOfType(CorruptLogException.class,
                    () -> new FileBusConsumer(bus.settings()).open());
            CorruptLogException producerError = catchThrowableOfType(CorruptLogException.class,
                    () -> new FileBusProducer(bus.settings()).open());

            for (CorruptLogException error : new CorruptLogException[] {consumerError, producerError}) {
                assertThat(error.file()).isEqualTo(foreign.toRealPath());
                assertThat(error).hasMessageContaining("not a file bus segment").hasMessageContaining("HBUSLOG1");
            }
            assertThat(foreign).hasContent("SQLite format 3\0 and more bytes");
        }
    }

    @Test
    void anEmptyFolderIsAnEmptyBusStartingAtOffsetZero() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusConsumer consumer = bus.consumer();
            assertThat(consumer.iterator().hasNext()).isFalse();
            consumer.seek(Offset.of(0L));

            bus.producer().send(TestBus.event(0));

            assertThat(TestBus.offsets(readAll(consumer))).containsExactly(0L);
        }
    }

    @Test
    void leftoversOfAnInterruptedSegmentCreationAreRemovedByTheNextProducer() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer(), 0, 2);
            Path leftover = Files.writeString(bus.folder.resolve("00000000000000000002.log.tmp"), "HBUSLOG1");

            bus.producer();

            assertThat(leftover).doesNotExist();
            assertThat(numbers(readAll(bus.consumer()))).containsExactly(0L, 1L);
        }
    }
}
