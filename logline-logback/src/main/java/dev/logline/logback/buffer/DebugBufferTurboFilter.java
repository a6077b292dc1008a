package dev.logline.logback.buffer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.logline.context.DebugBuffer;
import org.slf4j.Marker;
import org.slf4j.event.LoggingEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Diverts DEBUG (and optionally TRACE) lines into the current {@link DebugBuffer} while one is bound — by the
 * servlet filter with {@code debugBuffer=true} or by {@code LogTrace.bufferDebug()} — so they are written only if
 * the request fails. Only lines the logger's level would drop are diverted; enabled lines go out as usual.
 *
 * <pre>{@code
 * <turboFilter class="dev.logline.logback.buffer.DebugBufferTurboFilter">
 *   <level>DEBUG</level>            <!-- most verbose level held: DEBUG (default) or TRACE -->
 *   <loggers>shop, com.acme</loggers> <!-- logger prefixes held; default all -->
 * </turboFilter>
 * }</pre>
 */
public class DebugBufferTurboFilter extends TurboFilter {

    private Level level = Level.DEBUG;
    private final List<String> loggerPrefixes = new ArrayList<>();

    /** The most verbose level held: {@code DEBUG} (default) or {@code TRACE}. */
    public void setLevel(String name) {
        Level parsed = Level.toLevel(name, null);
        if (parsed == null || parsed.toInt() > Level.DEBUG_INT) {
            addError("DebugBufferTurboFilter: level must be DEBUG or TRACE, was '" + name + "'; keeping " + level);
            return;
        }
        this.level = parsed;
    }

    /** Comma-separated logger name prefixes whose lines are held; empty means every logger. */
    public void setLoggers(String prefixes) {
        loggerPrefixes.clear();
        for (String p : prefixes.split(",")) {
            if (!p.isBlank()) {
                loggerPrefixes.add(p.trim());
            }
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level lineLevel, String format, Object[] params, Throwable t) {
        Optional<DebugBuffer> buffer = bufferFor(logger, lineLevel);
        if (buffer.isEmpty()) {
            return FilterReply.NEUTRAL;
        }
        if (format == null) {
            // An isDebugEnabled()/atDebug() check: say yes, so the line gets built and reaches us to be held.
            return FilterReply.ACCEPT;
        }
        List<Marker> markers = marker == null ? null : List.of(marker);
        return hold(buffer.get(), new HeldLoggingEvent(logger, lineLevel, format, params, t, markers, null));
    }

    @Override
    public FilterReply decide(Logger logger, LoggingEvent event) {
        Level lineLevel = Level.convertAnSLF4JLevel(event.getLevel());
        Optional<DebugBuffer> buffer = bufferFor(logger, lineLevel);
        if (buffer.isEmpty()) {
            return FilterReply.NEUTRAL;
        }
        return hold(buffer.get(), new HeldLoggingEvent(logger, lineLevel, event.getMessage(), event.getArgumentArray(),
                event.getThrowable(), event.getMarkers(), event.getKeyValuePairs()));
    }

    private static FilterReply hold(DebugBuffer buffer, HeldLoggingEvent line) {
        // After a flush the buffer lets lines through: the request failed, its debug lines are wanted now.
        return buffer.hold(line) ? FilterReply.DENY : FilterReply.ACCEPT;
    }

    private Optional<DebugBuffer> bufferFor(Logger logger, Level lineLevel) {
        int l = lineLevel.toInt();
        if (l > Level.DEBUG_INT || l < level.toInt() || !isStarted()) {
            return Optional.empty();
        }
        if (l >= logger.getEffectiveLevel().toInt()) {
            return Optional.empty();
        }
        if (!loggerPrefixes.isEmpty() && !coversLogger(logger.getName())) {
            return Optional.empty();
        }
        return DebugBuffer.current();
    }

    private boolean coversLogger(String name) {
        for (String prefix : loggerPrefixes) {
            if (name.startsWith(prefix) && (name.length() == prefix.length() || name.charAt(prefix.length()) == '.')) {
                return true;
            }
        }
        return false;
    }
}
