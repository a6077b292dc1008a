package dev.logline.logback.sampling;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.logline.context.CurrentTrace;
import dev.logline.context.MdcKeys;
import dev.logline.core.sampling.Sampler;
import dev.logline.core.sampling.SamplingRule;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.LoggingEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Drops events by Logline's sampling rules before Logback builds them: per logger/level rates that keep or drop
 * whole transactions (by trace id, the same way in every service), and per-key rate limits. WARN and above pass
 * unless a rule names them.
 *
 * <pre>{@code
 * <turboFilter class="dev.logline.logback.sampling.SamplingTurboFilter">
 *   <rule>logger=shop.db; rate=0.1</rule>
 *   <rule>logger=shop.api; limit=100/s; by=message</rule>
 * </turboFilter>
 * }</pre>
 *
 * <p>Settings: {@code rule} (repeatable, first covering rule wins, see {@link SamplingRule}), {@code traceIdKey}
 * (MDC key holding the trace id, default {@link MdcKeys#current()}), {@code maxKeys} (rate-limit keys per rule,
 * default {@value Sampler#DEFAULT_MAX_KEYS}). A bad rule is reported through Logback's status and the filter stays
 * off (everything passes).
 */
public class SamplingTurboFilter extends TurboFilter {

    private final List<String> ruleTexts = new ArrayList<>();
    private String traceIdKey;
    private int maxKeys = Sampler.DEFAULT_MAX_KEYS;
    private volatile Sampler sampler;

    /** Adds one rule, in the text form of {@link SamplingRule#parse(String)}. */
    public void addRule(String rule) {
        ruleTexts.add(rule);
    }

    public void setTraceIdKey(String key) {
        this.traceIdKey = key;
    }

    public void setMaxKeys(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    @Override
    public void start() {
        List<SamplingRule> rules = new ArrayList<>();
        for (String text : ruleTexts) {
            try {
                rules.add(SamplingRule.parse(text));
            } catch (IllegalArgumentException e) {
                addError("SamplingTurboFilter: " + e.getMessage() + " — the filter is off until the rule is fixed");
                return;
            }
        }
        if (maxKeys < 1) {
            addError("SamplingTurboFilter: maxKeys must be at least 1, was " + maxKeys);
            return;
        }
        if (traceIdKey == null || traceIdKey.isBlank()) {
            traceIdKey = MdcKeys.current().traceId();
        }
        sampler = new Sampler(rules, maxKeys, System::nanoTime);
        super.start();
    }

    @Override
    public void stop() {
        sampler = null;
        super.stop();
    }

    /** The sampler in use (for its counters), or {@code null} when not started. */
    public Sampler getSampler() {
        return sampler;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        return decide(logger, level, format, MDC::get);
    }

    @Override
    public FilterReply decide(Logger logger, LoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        Function<String, String> field = pairs == null || pairs.isEmpty() ? MDC::get : name -> {
            for (KeyValuePair p : pairs) {
                if (name.equals(p.key) && p.value != null) {
                    return String.valueOf(p.value);
                }
            }
            return MDC.get(name);
        };
        return decide(logger, Level.convertAnSLF4JLevel(event.getLevel()), event.getMessage(), field);
    }

    private FilterReply decide(Logger logger, Level level, String format, Function<String, String> field) {
        Sampler s = sampler;
        // A null format is an isXxxEnabled() check: decide on the real call, not on the question.
        if (s == null || format == null) {
            return FilterReply.NEUTRAL;
        }
        dev.logline.core.Level coreLevel = toCore(level);
        String loggerName = logger.getName();
        if (!s.covers(coreLevel, loggerName)) {
            return FilterReply.NEUTRAL;
        }
        String traceId = MDC.get(traceIdKey);
        if (traceId == null) {
            traceId = CurrentTrace.traceId();
        }
        return s.decide(coreLevel, loggerName, traceId, format, field).kept() ? FilterReply.NEUTRAL : FilterReply.DENY;
    }

    static dev.logline.core.Level toCore(Level level) {
        switch (level.toInt()) {
            case Level.TRACE_INT: return dev.logline.core.Level.TRACE;
            case Level.DEBUG_INT: return dev.logline.core.Level.DEBUG;
            case Level.INFO_INT: return dev.logline.core.Level.INFO;
            case Level.WARN_INT: return dev.logline.core.Level.WARN;
            default: return dev.logline.core.Level.ERROR;
        }
    }
}
