package io.hermesbus.tck;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGenerator;

/** Shows each kit test as its rule: {@code "3.6 [required] seek below the oldest retained offset is an error"}. */
public final class SpecRuleDisplayNames extends DisplayNameGenerator.Standard {
    @Override
    public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        SpecRule rule = testMethod.getAnnotation(SpecRule.class);
        return rule == null
                ? super.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, testMethod)
                : rule.number() + " [" + rule.level() + "] " + rule.title();
    }
}
