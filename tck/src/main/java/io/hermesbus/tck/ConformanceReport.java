package io.hermesbus.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Collects the outcome of every rule of one kit test class and, after the class, writes a person-readable
 * report (Markdown) to the folder named by {@value #DIR_PROPERTY} (a JUnit configuration parameter or system
 * property; default {@value #DEFAULT_DIR}), one file per class (and per bus, for {@link ConfiguredBusVerification}),
 * and prints a one-line summary with the file's path.
 *
 * <p>Four outcomes, never confused: passed; FAILED (a required rule); WARNING (a recommended rule not met,
 * which JUnit shows as aborted); not applicable (JUnit: aborted), with the declaration that made it so. It
 * also turns a recommended rule's assertion failure into {@link RecommendedRuleNotMet}.
 */
public final class ConformanceReport implements TestWatcher, AfterAllCallback, TestExecutionExceptionHandler {
    /** Configuration parameter (or system property) naming the folder the report is written to. */
    public static final String DIR_PROPERTY = "hermesbus.tck.reportDir";
    /** The folder reports go to when {@value #DIR_PROPERTY} is not set, relative to the working directory. */
    public static final String DEFAULT_DIR = "target/hermes-bus-conformance";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConformanceReport.class);

    /** How one rule ended. */
    public enum Outcome {
        PASSED("passed"), FAILED("FAILED"), WARNING("WARNING"), NOT_APPLICABLE("not applicable");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One row of the report. */
    public record Row(String number, SpecRule.Level level, String title, Outcome outcome, String detail) {
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
        context.getTestMethod().map(m -> m.getAnnotation(SpecRule.class)).ifPresent(rule -> rows(context)
                .add(new Row(rule.number(), rule.level(), rule.title(), outcome, detail)));
    }

    @SuppressWarnings("unchecked")
    private static List<Row> rows(ExtensionContext context) {
        // rows belong to the test class: a method's context hands them to its class's, so suites keep classes apart
        ExtensionContext classContext = context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
        return (List<Row>) classContext.getStore(NAMESPACE).computeIfAbsent("rows", k -> new ArrayList<Row>());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<Row> rows = rows(context);
        if (rows.isEmpty()) {
            return;
        }
        String className = context.getRequiredTestClass().getName();
        Optional<String> bus = ConfiguredBusVerification.class.getName().equals(className)
                ? context.getConfigurationParameter(ConfiguredBusVerification.BUS_PARAMETER) : Optional.empty();
        String name = subject(className, bus);
        String report = render(name, rows);
        Path file = Path.of(context.getConfigurationParameter(DIR_PROPERTY).orElse(DEFAULT_DIR)).resolve(fileName(className, bus));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the conformance report to " + file.toAbsolutePath(), e);
        }
        System.out.println("hermes-bus conformance of " + name + ": " + summary(rows) + "; report: " + file.toAbsolutePath());
    }

    /** What a report is about: the test class, and for {@link ConfiguredBusVerification} the bus it ran on. */
    static String subject(String className, Optional<String> bus) {
        return bus.map(name -> "bus '" + name + "' (" + className + ")").orElse(className);
    }

    /** The report's file name: one per class, and per bus for {@link ConfiguredBusVerification}. */
    static String fileName(String className, Optional<String> bus) {
        return className + bus.map(name -> "-" + name.replaceAll("[^A-Za-z0-9._-]", "_")).orElse("") + ".md";
    }

    /** The Markdown report of one test class's rules, sorted by rule number. */
    public static String render(String testClass, List<Row> unsorted) {
        List<Row> rows = new ArrayList<>(unsorted);
        rows.sort(Comparator.comparing(Row::number, ConformanceReport::compareRuleNumbers));
        StringBuilder out = new StringBuilder();
        out.append("# hermes-bus conformance: ").append(testClass).append("\n\n");
        out.append(summary(rows)).append("; ").append(TckTimeouts.configured()).append("\n\n");
        out.append("| rule | level | outcome | title |\n|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.number()).append(" | ").append(row.level()).append(" | ")
                    .append(row.outcome()).append(" | ").append(row.title()).append(" |\n");
        }
        boolean details = false;
        for (Row row : rows) {
            if (row.outcome() != Outcome.PASSED) {
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
