package io.hermesbus.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs kit classes (subclasses of {@link MessageBusConsumerVerification}) or suites of them outside a build tool
 * and prints their conformance reports. Exit status 0 when no required rule failed, 1 when one did, 2 on bad use.
 *
 * <pre>java io.hermesbus.tck.ConformanceRunner com.example.MyBusConformanceTest [...]</pre>
 */
public final class ConformanceRunner {
    private ConformanceRunner() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: ConformanceRunner <kit test class or suite> [...]");
            System.exit(2);
        }
        System.exit(run(List.of(args), System.out) ? 0 : 1);
    }

    /** Runs the named classes, prints their reports to {@code out}; true when no rule failed. */
    public static boolean run(List<String> classNames, PrintStream out) {
        Path reports = Path.of(System.getProperty(ConformanceReport.DIR_PROPERTY, "target/hermes-bus-conformance"));
        FileTime started = FileTime.from(Instant.now().minusSeconds(1));
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (String name : classNames) {
            request.selectors(selectClass(name));
        }
        LauncherDiscoveryRequest discovery = request.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(discovery, summary);
        printReports(reports, started, out);
        TestExecutionSummary result = summary.getSummary();
        if (result.getTestsFoundCount() == 0) {
            out.println("no kit tests found in " + classNames + ": name classes that extend MessageBusConsumerVerification, or suites of them");
            return false;
        }
        out.printf("%d rules checked: %d passed, %d failed, %d aborted (not applicable or warnings, see the reports)%n",
                result.getTestsFoundCount(), result.getTestsSucceededCount(), result.getTestsFailedCount(), result.getTestsAbortedCount());
        return result.getTotalFailureCount() == 0;
    }

    private static void printReports(Path dir, FileTime since, PrintStream out) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                if (Files.getLastModifiedTime(file).compareTo(since) >= 0) {
                    out.println(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            out.println("could not read the reports in " + dir.toAbsolutePath() + ": " + e);
        }
    }
}
