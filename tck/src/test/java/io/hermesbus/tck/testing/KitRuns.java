package io.hermesbus.tck.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.hermesbus.tck.MessageBusConsumerVerification;
import io.hermesbus.tck.SpecRule;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs a kit class with JUnit's test kit and tells each rule's result: how tck-selftest and the python bus's tests
 * show that the kit passes or fails a bus on given rules (tck's test-jar).
 */
public final class KitRuns {
    private KitRuns() {
    }

    /** Runs the whole kit class; returns each rule's result by rule number. */
    public static Map<String, TestExecutionResult> run(Class<?> kit) {
        return run(selectClass(kit));
    }

    /** Runs the kit class's tests of {@code rules} only; returns each rule's result by rule number. */
    public static Map<String, TestExecutionResult> run(Class<? extends MessageBusConsumerVerification> kit, Set<String> rules) {
        DiscoverySelector[] selectors = Arrays.stream(MessageBusConsumerVerification.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(SpecRule.class))
                .filter(method -> rules.contains(method.getAnnotation(SpecRule.class).number()))
                .map(Method::getName)
                .map(name -> selectMethod(kit, name))
                .toArray(DiscoverySelector[]::new);
        return run(selectors);
    }

    private static Map<String, TestExecutionResult> run(DiscoverySelector... selectors) {
        Map<String, TestExecutionResult> byRule = new TreeMap<>();
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectors)
                .execute()
                .testEvents()
                .finished()
                .stream()
                .forEach(event -> byRule.put(event.getTestDescriptor().getDisplayName().split(" ")[0],
                        event.getRequiredPayload(TestExecutionResult.class)));
        return byRule;
    }

    /** The rules whose result has {@code status}, with what they threw. */
    public static Map<String, Throwable> ended(Map<String, TestExecutionResult> results, Status status) {
        Map<String, Throwable> matching = new TreeMap<>();
        results.forEach((rule, result) -> {
            if (result.getStatus() == status) {
                matching.put(rule, result.getThrowable().orElse(null));
            }
        });
        return matching;
    }
}
