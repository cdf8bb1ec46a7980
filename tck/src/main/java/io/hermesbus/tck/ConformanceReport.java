package io.hermesbus.tck;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.api.UnknownBusException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Collects the outcome of every rule of one kit test class and, after the class, writes a report a person can
 * file (Markdown) to the folder named by {@value #DIR_PROPERTY} (a JUnit configuration parameter or system
 * property; default {@value #DEFAULT_DIR}), and prints a one-line summary with the file's path. The report
 * states the run ({@link RunDescription}: bus, offset kind, settings with secrets masked, kit version, JDK, date,
 * timeouts) and is named after it, so that runs of other buses or settings, and partial runs, keep their own file.
 *
 * <p>Four outcomes, never confused: passed; FAILED (a required rule); WARNING (a recommended rule not met,
 * which JUnit shows as aborted); not applicable (JUnit: aborted), with the declaration that made it so. A passed
 * rule may add a note ({@link OutcomeNote}, which this extension supplies): rule 10.1 says how many sequences ran
 * and its seed. It also turns a recommended rule's assertion failure into {@link RecommendedRuleNotMet}.
 */
public final class ConformanceReport
        implements BeforeAllCallback, TestWatcher, AfterAllCallback, TestExecutionExceptionHandler, ParameterResolver {
    /** Configuration parameter (or system property) naming the folder the report is written to. */
    public static final String DIR_PROPERTY = "hermesbus.tck.reportDir";
    /** The folder reports go to when {@value #DIR_PROPERTY} is not set, relative to the working directory. */
    public static final String DEFAULT_DIR = "target/hermes-bus-conformance";
    /** Key of the JUnit report entry that carries a rule's {@link OutcomeNote}. */
    static final String NOTE_ENTRY = "hermesbus.tck.note";
    /** Key of the JUnit report entry, published by a kit class after it, that carries its report's path. */
    static final String REPORT_ENTRY = "hermesbus.tck.report";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConformanceReport.class);
    private static final String ROWS = "rows";
    private static final String BUS = "bus";
    private static final String STARTED = "started";
    private static final String NOTE = "note";

    /** How one rule ended. */
    public enum Outcome {
        /** The rule held. */
        PASSED("passed"),
        /** A required rule did not hold: the bus does not conform. */
        FAILED("FAILED"),
        /** A recommended rule did not hold: the bus conforms, but should be changed. */
        WARNING("WARNING"),
        /** The rule did not run: it needs a capability the bus does not declare, or it was disabled. */
        NOT_APPLICABLE("not applicable");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * One row of the report.
     *
     * @param detail why a rule did not pass (its message), or a passed rule's note ({@link OutcomeNote}); else empty
     */
    public record Row(String number, SpecRule.Level level, String title, Outcome outcome, String detail) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        SupportedJUnit.check();
        context.getStore(NAMESPACE).put(STARTED, Instant.now());
        context.getStore(NAMESPACE).put(ROWS, new ArrayList<Row>());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == OutcomeNote.class;
    }

    @Override
    public OutcomeNote resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return text -> {
            context.getStore(NAMESPACE).put(NOTE, text);
            context.publishReportEntry(NOTE_ENTRY, text);
        };
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        Optional<SpecRule> rule = context.getTestMethod().map(m -> m.getAnnotation(SpecRule.class));
        if (thrown instanceof AssertionError failure && rule.isPresent() && rule.get().level() == SpecRule.Level.RECOMMENDED) {
            throw new RecommendedRuleNotMet(failure);
        }
        throw thrown;
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, Outcome.PASSED, "");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record(context, outcome(TestExecutionResult.Status.FAILED, cause), String.valueOf(cause.getMessage()));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        record(context, outcome(TestExecutionResult.Status.ABORTED, cause), String.valueOf(cause.getMessage()));
    }

    /**
     * How a rule whose test ended with {@code status} and {@code cause} is reported: the one place that says it,
     * for this extension and for {@link ConformanceRunner}'s listener alike.
     */
    static Outcome outcome(TestExecutionResult.Status status, Throwable cause) {
        return switch (status) {
            case SUCCESSFUL -> Outcome.PASSED;
            case FAILED -> Outcome.FAILED;
            case ABORTED -> cause instanceof RecommendedRuleNotMet ? Outcome.WARNING : Outcome.NOT_APPLICABLE;
        };
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        record(context, Outcome.NOT_APPLICABLE, "disabled: " + reason.orElse("no reason given"));
    }

    private void record(ExtensionContext context, Outcome outcome, String detail) {
        Optional<SpecRule> rule = context.getTestMethod().map(m -> m.getAnnotation(SpecRule.class));
        if (rule.isEmpty()) {
            return;
        }
        ExtensionContext.Store classStore = classContext(context).getStore(NAMESPACE);
        String passedNote = context.getStore(NAMESPACE).getOrDefault(NOTE, String.class, "");
        rows(context).add(new Row(rule.get().number(), rule.get().level(), rule.get().title(), outcome,
                outcome == Outcome.PASSED ? passedNote : detail));
        context.getTestInstance().filter(MessageBusConsumerVerification.class::isInstance)
                .map(kit -> ((MessageBusConsumerVerification) kit).busesMade())
                .ifPresent(bus -> {
                    BusDescription before = classStore.get(BUS, BusDescription.class);
                    classStore.put(BUS, before == null ? bus : before.sharedWith(bus));
                });
    }

    /** Rows and buses belong to the test class: a method's context hands them to its class's, so suites keep classes apart. */
    private static ExtensionContext classContext(ExtensionContext context) {
        return context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
    }

    /** The class's rows, made by {@link #beforeAll} (none when it refused the JUnit version). */
    @SuppressWarnings("unchecked")
    private static List<Row> rows(ExtensionContext context) {
        List<Row> rows = (List<Row>) classContext(context).getStore(NAMESPACE).get(ROWS, List.class);
        return rows == null ? List.of() : rows;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<Row> rows = rows(context);
        if (rows.isEmpty()) {
            return;
        }
        RunDescription run = describe(context, rows);
        Path file = Path.of(context.getConfigurationParameter(DIR_PROPERTY).orElse(DEFAULT_DIR)).resolve(run.fileName());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, render(run, rows), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the conformance report to " + file.toAbsolutePath(), e);
        }
        context.publishReportEntry(REPORT_ENTRY, file.toAbsolutePath().toString());
        System.out.println("hermes-bus conformance of " + run.subject() + ": " + summary(rows) + "; report: " + file.toAbsolutePath());
    }

    /**
     * The run of the class that {@code context} belongs to. Its bus is what the buses of its rules had in common,
     * except that for {@link ConfiguredBusVerification} the settings are those it was given: what the person
     * running it chose, the same whichever rules ran.
     */
    private static RunDescription describe(ExtensionContext context, List<Row> rows) {
        String className = context.getRequiredTestClass().getName();
        boolean configured = ConfiguredBusVerification.class.getName().equals(className);
        Optional<String> configuredBus = configured
                ? context.getConfigurationParameter(ConfiguredBusVerification.BUS_PARAMETER) : Optional.empty();
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        BusDescription bus = Optional.ofNullable(store.get(BUS, BusDescription.class))
                .orElseGet(() -> BusDescription.none(configuredBus.orElse(BusDescription.UNKNOWN)));
        if (configured) {
            try {
                bus = bus.withSettings(ConfiguredBus.settings(
                        context.getConfigurationParameter(ConfiguredBusVerification.SETTINGS_PARAMETER).orElse("")),
                        secretSettings(configuredBus.orElseThrow()));
            } catch (InvalidSettingsException unreadable) {
                // every rule failed with this error already; the report keeps what the buses showed
            }
        }
        Instant started = Optional.ofNullable(store.get(STARTED, Instant.class)).orElseGet(Instant::now);
        return new RunDescription(className, subject(className, configuredBus), bus, rows.size(),
                RunDescription.rulesOf(context.getRequiredTestClass()), started, Duration.between(started, Instant.now()));
    }

    /** The names the provider of {@code bus} declares secret; none when it cannot be found (every rule said why). */
    static Set<String> secretSettings(String bus) {
        try {
            return MessageBuses.provider(bus, Thread.currentThread().getContextClassLoader()).secretSettings();
        } catch (UnknownBusException notFound) {
            return Set.of();
        }
    }

    /** What a report is about: the test class, and for {@link ConfiguredBusVerification} the bus it ran on. */
    static String subject(String className, Optional<String> bus) {
        return bus.map(name -> "bus '" + name + "' (" + className + ")").orElse(className);
    }

    /** The Markdown report of one test class's run: what ran, then its rules sorted by rule number. */
    static String render(RunDescription run, List<Row> unsorted) {
        List<Row> rows = new ArrayList<>(unsorted);
        rows.sort(Comparator.comparing(Row::number, ConformanceReport::compareRuleNumbers));
        StringBuilder out = new StringBuilder();
        out.append("# ").append(run.title()).append("\n\n");
        out.append(run.header()).append('\n');
        out.append(summary(rows)).append("\n\n");
        out.append("| rule | level | outcome | title |\n|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.number()).append(" | ").append(row.level()).append(" | ")
                    .append(row.outcome()).append(" | ").append(row.title()).append(" |\n");
        }
        boolean details = false;
        for (Row row : rows) {
            if (row.outcome() != Outcome.PASSED || !row.detail().isBlank()) {
                if (!details) {
                    out.append("\n## Details\n");
                    details = true;
                }
                out.append("\n### ").append(row.number()).append(' ').append(row.outcome()).append("\n\n```\n")
                        .append(row.detail().strip()).append("\n```\n");
            }
        }
        return out.toString();
    }

    /** A line such as {@code "38 rules: 35 passed, 1 FAILED, 0 WARNING, 2 not applicable"}. */
    static String summary(List<Row> rows) {
        StringBuilder out = new StringBuilder().append(rows.size()).append(" rules: ");
        String separator = "";
        for (Outcome outcome : Outcome.values()) {
            long count = rows.stream().filter(r -> r.outcome() == outcome).count();
            out.append(separator).append(count).append(' ').append(outcome);
            separator = ", ";
        }
        return out.toString();
    }

    /** Orders "2.10" after "2.9". */
    static int compareRuleNumbers(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
