package io.hermesbus.kafka;

import java.io.IOException;
import java.io.InputStream;

/**
 * The main class of the broker's child JVM: runs {@code kafka.Kafka} with the given arguments, and exits as soon
 * as its standard input ends. The parent holds that pipe open; when the parent dies (even by SIGKILL, when no
 * shutdown hook runs) the operating system closes it, so an orphaned broker never outlives the build.
 */
public final class KafkaBrokerMain {
    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(KafkaBrokerMain::exitWhenParentGoes, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        kafka.Kafka.main(args);
    }

    private static void exitWhenParentGoes() {
        InputStream in = System.in;
        try {
            while (in.read() >= 0) {
                // the parent never writes; anything it might write is ignored
            }
        } catch (IOException ignored) {
            // a broken pipe means the same as the end of the input: the parent is gone
        }
        // System.exit runs Kafka's own shutdown hook (a clean stop); halt if that hangs
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
            Runtime.getRuntime().halt(1);
        }, "halt-after-exit");
        halt.setDaemon(true);
        halt.start();
        System.exit(0);
    }
}
