package io.hermesbus.tck;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Keeps the kit's rules that a pattern selects: a regular expression that matches the rule's whole number
 * ({@code 3.3}, {@code 3\..*}, {@code 4\.[1-3]}) or is found in its title, ignoring case ({@code seek}).
 * Matching the whole number keeps {@code 3.1} from selecting {@code 3.10}.
 */
final class RuleFilter implements PostDiscoveryFilter {
    private final String text;
    private final Pattern pattern;

    /** @throws IllegalArgumentException if {@code text} is not a regular expression */
    RuleFilter(String text) {
        this.text = text;
        try {
            this.pattern = Pattern.compile(text, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the rule pattern '" + text + "' is not a regular expression: "
                    + e.getDescription().toLowerCase(Locale.ROOT) + " near index " + e.getIndex(), e);
        }
    }

    /** Whether the rule numbered {@code number} with {@code title} is selected. */
    boolean selects(String number, String title) {
        return pattern.matcher(number).matches() || pattern.matcher(title).find();
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!descriptor.isTest()) {
            return FilterResult.included("containers are kept while they hold selected rules");
        }
        Optional<SpecRule> rule = ruleOf(descriptor);
        if (rule.isEmpty()) {
            return FilterResult.excluded("not a rule of the kit; only rules are selected by " + text);
        }
        return selects(rule.get().number(), rule.get().title())
                ? FilterResult.included("rule " + rule.get().number() + " matches " + text)
                : FilterResult.excluded("rule " + rule.get().number() + " does not match " + text);
    }

    /** The rule a test checks, from its method's {@link SpecRule}. */
    static Optional<SpecRule> ruleOf(TestDescriptor descriptor) {
        return descriptor.getSource()
                .filter(MethodSource.class::isInstance)
                .map(source -> ((MethodSource) source).getJavaMethod().getAnnotation(SpecRule.class));
    }

    @Override
    public String toString() {
        return text;
    }
}
