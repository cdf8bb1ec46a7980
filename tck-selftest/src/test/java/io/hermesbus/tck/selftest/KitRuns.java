package io.hermesbus.tck.selftest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs a kit class with JUnit's test kit and tells each rule's result. */
final class KitRuns {
    private KitRuns() {
    }

    /** Runs the whole kit class; returns each rule's result by rule number. */
    static Map<String, TestExecutionResult> run(Class<?> kit) {
        Map<String, TestExecutionResult> byRule = new TreeMap<>();
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(kit))
                .execute()
                .testEvents()
                .finished()
                .stream()
                .forEach(event -> byRule.put(event.getTestDescriptor().getDisplayName().split(" ")[0],
                        event.getRequiredPayload(TestExecutionResult.class)));
        return byRule;
    }

    /** The rules whose result has {@code status}, with what they threw. */
    static Map<String, Throwable> ended(Map<String, TestExecutionResult> results, Status status) {
        Map<String, Throwable> matching = new TreeMap<>();
        results.forEach((rule, result) -> {
            if (result.getStatus() == status) {
                matching.put(rule, result.getThrowable().orElse(null));
            }
        });
        return matching;
    }
}
