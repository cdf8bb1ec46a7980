package io.hermesbus.tck;

import io.hermesbus.tck.ConformanceReport.Outcome;
import io.hermesbus.tck.ConformanceReport.Row;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects each rule's outcome as the launcher reports it, with the notes of passed rules and the paths of the
 * Markdown reports that {@link ConformanceReport} publishes, for {@link ConformanceResult}; and prints a line per
 * rule as it ends, so that a person sees the kit advance through the slow rules.
 */
final class RuleListener implements TestExecutionListener {
    private final Function<String, String> subjectOfClass;
    private final PrintStream progress;
    private final Map<String, List<Row>> rules = new LinkedHashMap<>();
    private final List<String> otherFailures = new ArrayList<>();
    private final Map<String, String> notes = new HashMap<>();
    private final List<Path> reports = new ArrayList<>();
    private long total;
    private long ended;

    /**
     * @param subjectOfClass the report subject of a kit class's name
     * @param progress where to print a line per rule; null prints nothing
     */
    RuleListener(Function<String, String> subjectOfClass, PrintStream progress) {
        this.subjectOfClass = subjectOfClass;
        this.progress = progress;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        total = plan.countTestIdentifiers(TestIdentifier::isTest);
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        Map<String, String> values = entry.getKeyValuePairs();
        if (values.containsKey(ConformanceReport.NOTE_ENTRY)) {
            notes.put(test.getUniqueId(), values.get(ConformanceReport.NOTE_ENTRY));
        }
        if (values.containsKey(ConformanceReport.REPORT_ENTRY)) {
            reports.add(Path.of(values.get(ConformanceReport.REPORT_ENTRY)));
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            record(test, Outcome.NOT_APPLICABLE, "disabled: " + reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        Throwable cause = result.getThrowable().orElse(null);
        String message = cause == null ? notes.getOrDefault(test.getUniqueId(), "") : String.valueOf(cause.getMessage());
        if (test.isTest()) {
            record(test, ConformanceReport.outcome(result.getStatus(), cause), message);
        } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            otherFailures.add(test.getDisplayName() + ": " + message);
        }
    }

    private void record(TestIdentifier test, Outcome outcome, String detail) {
        Optional<MethodSource> source = test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
        Optional<SpecRule> rule = source.map(method -> method.getJavaMethod().getAnnotation(SpecRule.class));
        ended++;
        if (rule.isEmpty()) {
            // a test of a suite that is not a kit rule: it counts only if it fails
            if (outcome == Outcome.FAILED) {
                otherFailures.add(test.getDisplayName() + ": " + detail);
            }
            return;
        }
        SpecRule spec = rule.get();
        rules.computeIfAbsent(subjectOfClass.apply(source.get().getClassName()), subject -> new ArrayList<>())
                .add(new Row(spec.number(), spec.level(), spec.title(), outcome, detail));
        if (progress != null) {
            progress.printf("[%" + String.valueOf(total).length() + "d/%d] %-5s %-14s %s%n",
                    ended, total, spec.number(), outcome, spec.title());
        }
    }

    ConformanceResult result(Path reportDir) {
        return new ConformanceResult(rules, otherFailures, reportDir, reports);
    }
}
