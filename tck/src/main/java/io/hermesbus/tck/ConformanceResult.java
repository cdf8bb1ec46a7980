package io.hermesbus.tck;

import io.hermesbus.tck.ConformanceReport.Outcome;
import io.hermesbus.tck.ConformanceReport.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@link ConformanceRunner} run found: each rule's outcome, per report subject (a kit class, or the bus for
 * {@link ConfiguredBusVerification}), failures that belong to no rule (a kit class that could not start), and the
 * Markdown reports written, with their text. Immutable.
 */
public final class ConformanceResult {
    private static final Pattern RUN_SEED = Pattern.compile("^Run seed: (-?\\d+)", Pattern.MULTILINE);

    private final Map<String, List<Row>> rules;
    private final List<String> otherFailures;
    private final Path reportDir;
    private final Map<Path, String> reports;

    /**
     * @param reportFiles the Markdown reports the run wrote, read here once
     * @throws UncheckedIOException if a report cannot be read back
     */
    ConformanceResult(Map<String, List<Row>> rules, List<String> otherFailures, Path reportDir, List<Path> reportFiles) {
        Map<String, List<Row>> copy = new LinkedHashMap<>();
        rules.forEach((subject, rows) -> copy.put(subject, List.copyOf(rows)));
        this.rules = Collections.unmodifiableMap(copy);
        this.otherFailures = List.copyOf(otherFailures);
        this.reportDir = reportDir;
        Map<Path, String> texts = new LinkedHashMap<>();
        for (Path file : reportFiles) {
            try {
                texts.put(file, Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read back the conformance report " + file, e);
            }
        }
        this.reports = Collections.unmodifiableMap(texts);
    }

    /**
     * The rules that ran, by report subject, in the order the subjects ran; each list in the order rules ended.
     *
     * @return unmodifiable; empty when no rule ran
     */
    public Map<String, List<Row>> rules() {
        return rules;
    }

    /**
     * Failures outside any rule, each as "what: message"; a kit class that could not start shows up here.
     *
     * @return unmodifiable; empty when every kit class started
     */
    public List<String> otherFailures() {
        return otherFailures;
    }

    /**
     * The folder holding the Markdown reports and the JUnit XML report.
     *
     * @return the folder, as the run was given it
     */
    public Path reportDir() {
        return reportDir;
    }

    /**
     * The Markdown reports the run wrote, one per kit class, in the order the classes ended.
     *
     * @return a new list; empty when no kit class ended
     */
    public List<Path> reportFiles() {
        return List.copyOf(reports.keySet());
    }

    /**
     * How many rules ran (with any outcome), over all subjects.
     *
     * @return the count, 0 when nothing ran
     */
    public int rulesRun() {
        return rules.values().stream().mapToInt(List::size).sum();
    }

    /**
     * True when rules ran, no required rule failed and nothing failed outside a rule. Warnings do not count.
     *
     * @return false also when no rule ran at all
     */
    public boolean conforms() {
        return rulesRun() > 0 && otherFailures.isEmpty() && count(Outcome.FAILED) == 0;
    }

    /**
     * How many rules ended with {@code outcome}, over all subjects.
     *
     * @param outcome the outcome to count
     * @return the count, 0 when none
     */
    public long count(Outcome outcome) {
        return rules.values().stream().flatMap(List::stream).filter(row -> row.outcome() == outcome).count();
    }

    /**
     * The run seed printed by a failed rule 10.1, with which {@code -Dhermesbus.tck.seed} (or
     * {@link ConformanceRunner#seed(long)}) replays it; empty when rule 10.1 did not fail.
     *
     * @return the seed, or empty
     */
    public OptionalLong failedRunSeed() {
        for (Row row : rules.values().stream().flatMap(List::stream).toList()) {
            if (row.number().equals("10.1") && row.outcome() == Outcome.FAILED) {
                Matcher seed = RUN_SEED.matcher(row.detail());
                if (seed.find()) {
                    return OptionalLong.of(Long.parseLong(seed.group(1)));
                }
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Every Markdown report the run wrote, as written, then the failures outside rules.
     *
     * @return the text; empty when no report was written and nothing failed outside rules
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        reports.values().forEach(report -> out.append(report).append('\n'));
        if (!otherFailures.isEmpty()) {
            out.append("## Failures outside the rules\n\n");
            otherFailures.forEach(failure -> out.append("- ").append(failure).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * One line: {@code "49 rules: 47 passed, 1 FAILED, 0 WARNING, 1 not applicable"}, and failures outside rules.
     *
     * @return the line, never null
     */
    public String summary() {
        List<Row> all = new ArrayList<>();
        rules.values().forEach(all::addAll);
        String line = ConformanceReport.summary(all);
        return otherFailures.isEmpty() ? line : line + "; " + otherFailures.size() + " failures outside the rules";
    }
}
