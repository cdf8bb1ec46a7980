package io.hermesbus.tck;

import java.util.Comparator;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/**
 * Runs the kit's rules in the order of SPEC.md (1.1, 1.2, ..., 2.10 after 2.9), so that progress reads as the spec
 * does. Tests that are not rules come last, by name. {@link ConformanceRunner} sets it as the default method order.
 */
public final class SpecRuleOrder implements MethodOrderer {
    @Override
    public void orderMethods(MethodOrdererContext context) {
        context.getMethodDescriptors().sort(Comparator
                .comparing((MethodDescriptor method) -> method.findAnnotation(SpecRule.class).isEmpty())
                .thenComparing((a, b) -> {
                    var x = a.findAnnotation(SpecRule.class);
                    var y = b.findAnnotation(SpecRule.class);
                    return x.isPresent() && y.isPresent()
                            ? ConformanceReport.compareRuleNumbers(x.get().number(), y.get().number())
                            : a.getMethod().getName().compareTo(b.getMethod().getName());
                }));
    }
}
