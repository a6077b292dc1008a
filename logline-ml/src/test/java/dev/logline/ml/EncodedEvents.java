package dev.logline.ml;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.logback.LoglineEncoder;
import org.slf4j.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A private Logback context whose loggers write through the real {@link LoglineEncoder} into memory, and the JSON
 * events read back: what a service logging JSON lines would print, as trees.
 */
public final class EncodedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public EncodedEvents() {
        this(true);
    }

    /** @param encoderRedacts whether the encoder applies its own (built-in) redaction, as it does by default */
    public EncodedEvents(boolean encoderRedacts) {
        context.setName("ml-test");
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        context.start();
        LoglineEncoder encoder = new LoglineEncoder();
        encoder.setContext(context);
        encoder.setService("trainer");
        if (!encoderRedacts) {
            encoder.setRedaction("off");
        }
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.setName("memory");
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.INFO);
        root.addAppender(appender);
    }

    public Logger logger(String name) {
        return context.getLogger(name);
    }

    /** Every event written so far, in order. */
    public synchronized List<JsonNode> all() {
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("the encoder wrote a line that is not JSON: " + line, e);
                }
            }
        }
        return events;
    }

    /** The events whose {@code ml_event} is {@code kind}. */
    public List<JsonNode> of(MlEvent kind) {
        return all().stream().filter(e -> kind.value().equals(e.path(MlEvent.FIELD).asText())).toList();
    }
}
