package io.hermesbus.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Secrets;
import io.hermesbus.tck.random.ModelBasedCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * Runs the kit outside a build tool: on kit classes (subclasses of {@link MessageBusConsumerVerification}) or suites
 * of them, named by class, or on a bus named at run time through {@link ConfiguredBusVerification}. It writes the
 * Markdown reports ({@link ConformanceReport}) and a JUnit XML report to one folder and returns a
 * {@link ConformanceResult}. {@code hermes-bus verify} and {@link #main} both run the kit through this class.
 *
 * <pre>{@code
 * ConformanceResult result = ConformanceRunner.forBus("memory", Map.of())
 *         .rules("3\\..*").reportDir(Path.of("reports")).progress(System.err).run();
 * }</pre>
 *
 * <p>Configure, then call {@link #run()} once; not thread-safe. While it runs, it sets the thread's context class
 * loader and, with {@link #seed(long)}, the system property {@value ModelBasedCheck#SEED_PROPERTY}, and restores
 * both afterwards, so two runs in one JVM must not overlap.
 */
public final class ConformanceRunner {
    private final List<String> classNames;
    private final String bus;
    private final Map<String, Object> settings;
    private RuleFilter rules;
    private ClassLoader classLoader = ConformanceRunner.class.getClassLoader();
    private Long seed;
    private Path reportDir = Path.of(System.getProperty(ConformanceReport.DIR_PROPERTY, ConformanceReport.DEFAULT_DIR));
    private PrintStream progress;

    private ConformanceRunner(List<String> classNames, String bus, Map<String, ?> settings) {
        this.classNames = classNames;
        this.bus = bus;
        this.settings = new LinkedHashMap<>(settings);
    }

    /**
     * A run of these kit classes or suites, found by name on the {@link #classLoader class loader}.
     *
     * @param classNames fully qualified names of kit classes or JUnit suites; at least one
     * @return a runner to configure, then {@link #run()}
     * @throws IllegalArgumentException if {@code classNames} is empty
     */
    public static ConformanceRunner forClasses(List<String> classNames) {
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("name at least one kit class or suite");
        }
        return new ConformanceRunner(List.copyOf(classNames), null, Map.of());
    }

    /**
     * A run of the kit on the bus called {@code bus}, made by its {@link BusUnderTestFactory} (found on the
     * {@link #classLoader class loader}) with {@code settings} as a base.
     *
     * @param bus the bus's name, as its provider gives it ({@code memory}, {@code kafka}, ...); not null
     * @param settings the user's settings for the bus, copied; empty for the factory's defaults; not null
     * @return a runner to configure, then {@link #run()}
     */
    public static ConformanceRunner forBus(String bus, Map<String, ?> settings) {
        return new ConformanceRunner(null, Objects.requireNonNull(bus, "bus"), Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Runs only the rules that {@code pattern} selects: a regular expression that matches a rule's whole number
     * ({@code 3.3}, {@code 3\..*}) or is found in its title, ignoring case ({@code seek}).
     *
     * @param pattern a regular expression, as {@code --rules} takes it
     * @return this runner
     * @throws IllegalArgumentException if {@code pattern} is not a regular expression
     */
    public ConformanceRunner rules(String pattern) {
        this.rules = new RuleFilter(pattern);
        return this;
    }

    /**
     * Where kit classes, bus factories and plugins are found; default: this class's loader. For plugin jars, a
     * {@code URLClassLoader} over them whose parent sees the kit.
     *
     * @param loader the loader to search; not null
     * @return this runner
     */
    public ConformanceRunner classLoader(ClassLoader loader) {
        this.classLoader = Objects.requireNonNull(loader, "loader");
        return this;
    }

    /**
     * Replays rule 10.1's run, and rule 4.7's random instants, with this seed, as printed by a failed run; default:
     * configured or random.
     *
     * @param seed a seed printed by an earlier run
     * @return this runner
     */
    public ConformanceRunner seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * The folder for the Markdown and JUnit XML reports, created if missing; default: the system property
     * {@value ConformanceReport#DIR_PROPERTY}, else {@value ConformanceReport#DEFAULT_DIR}.
     *
     * @param dir the folder, relative to the working directory unless absolute; not null
     * @return this runner
     */
    public ConformanceRunner reportDir(Path dir) {
        this.reportDir = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /**
     * Prints a line to {@code out} as each rule ends; default: nothing.
     *
     * @param out where to print; null prints nothing
     * @return this runner
     */
    public ConformanceRunner progress(PrintStream out) {
        this.progress = out;
        return this;
    }

    /**
     * Runs the kit and writes the reports.
     *
     * @return what the run found, with the reports' text; never null, even when rules failed
     * @throws io.hermesbus.api.UnknownBusException for a bus run, if no factory makes the bus (the message says why)
     * @throws io.hermesbus.api.InvalidSettingsException for a bus run, if the factory or the plugins it makes
     *     reject the settings; checked once before any rule runs, so that a typo is one error, not 46 failures
     * @throws IllegalArgumentException if the rule pattern selects no rule
     */
    public ConformanceResult run() {
        Thread thread = Thread.currentThread();
        ClassLoader previousLoader = thread.getContextClassLoader();
        String previousSeed = System.getProperty(ModelBasedCheck.SEED_PROPERTY);
        thread.setContextClassLoader(classLoader);
        try {
            if (seed != null) {
                System.setProperty(ModelBasedCheck.SEED_PROPERTY, Long.toString(seed));
            }
            if (bus != null) {
                checkBus();
            }
            return launch();
        } finally {
            thread.setContextClassLoader(previousLoader);
            if (seed != null) {
                if (previousSeed == null) {
                    System.clearProperty(ModelBasedCheck.SEED_PROPERTY);
                } else {
                    System.setProperty(ModelBasedCheck.SEED_PROPERTY, previousSeed);
                }
            }
        }
    }

    /** Makes one bus and one plugin of each kind, opening nothing, so that bad settings fail here, once. */
    private void checkBus() {
        try (BusUnderTest probe = BusUnderTestFactories.find(bus, classLoader).create(settings)) {
            AbstractMessageBusProducerPlugin producer = probe.newProducer();
            AbstractMessageBusConsumerPlugin consumer = probe.newConsumer();
            consumer.close();
            producer.close();
        }
    }

    private ConformanceResult launch() {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter(ConformanceReport.DIR_PROPERTY, reportDir.toString())
                .configurationParameter("junit.jupiter.testmethod.order.default", SpecRuleOrder.class.getName());
        if (bus != null) {
            request.selectors(selectClass(ConfiguredBusVerification.class))
                    .configurationParameter(ConfiguredBusVerification.BUS_PARAMETER, bus)
                    .configurationParameter(ConfiguredBusVerification.SETTINGS_PARAMETER, ConfiguredBus.json(settings));
        } else {
            classNames.forEach(name -> request.selectors(selectClass(classLoader, name)));
        }
        if (rules != null) {
            request.filters(rules);
        }
        LauncherDiscoveryRequest discovery = request.build();
        RuleListener listener = new RuleListener(className -> ConformanceReport.subject(className,
                ConfiguredBusVerification.class.getName().equals(className) ? Optional.ofNullable(bus) : Optional.empty()), progress);
        PrintWriter xmlErrors = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Launcher launcher = LauncherFactory.create();
        Instant started = Instant.now().minusSeconds(1); // file times may be whole seconds
        launcher.execute(discovery, listener, new LegacyXmlReportGeneratingListener(reportDir, xmlErrors));
        if (bus != null) {
            scrubReports(Secrets.in(settings, ConformanceReport.secretSettings(bus)), started);
        }
        ConformanceResult result = listener.result(reportDir);
        if (rules != null && result.rulesRun() == 0 && result.otherFailures().isEmpty()) {
            throw new IllegalArgumentException("no rule matches the pattern '" + rules + "': give a rule number such as"
                    + " 3.3, a regular expression such as 3\\..* for a section, or a word of a title such as seek");
        }
        return result;
    }

    /**
     * Scrubs the secrets of the bus's settings from the reports this run wrote: a failure's message or stack trace
     * may quote them (a client library's exception), and the reports are shared.
     */
    private void scrubReports(Secrets secrets, Instant started) {
        try (Stream<Path> files = Files.list(reportDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(started)) {
                    continue;
                }
                String text = Files.readString(file, StandardCharsets.UTF_8);
                String scrubbed = secrets.scrub(text);
                if (!scrubbed.equals(text)) {
                    Files.writeString(file, scrubbed, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not scrub the secrets from the reports in " + reportDir.toAbsolutePath(), e);
        }
    }

    /**
     * Runs the named kit classes or suites and prints their reports. Exit status 0 when no required rule failed,
     * 1 when one did (or no rule ran), 2 on bad use.
     *
     * <pre>java io.hermesbus.tck.ConformanceRunner com.example.MyBusConformanceTest [...]</pre>
     *
     * @param args the names of the kit classes or suites; none prints the usage and exits with 2
     */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: ConformanceRunner <kit test class or suite> [...]");
            System.exit(2);
        }
        ConformanceResult result = forClasses(List.of(args)).run();
        System.out.print(result.render());
        if (result.rulesRun() == 0) {
            System.out.println("no kit rules found in " + List.of(args)
                    + ": name classes that extend MessageBusConsumerVerification, or suites of them");
        }
        System.out.println(result.summary() + "; reports in " + result.reportDir().toAbsolutePath());
        System.exit(result.conforms() ? 0 : 1);
    }
}
