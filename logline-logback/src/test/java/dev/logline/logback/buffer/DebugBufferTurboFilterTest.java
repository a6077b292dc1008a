package dev.logline.logback.buffer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.logline.context.ContextScope;
import dev.logline.context.CurrentTrace;
import dev.logline.context.DebugBuffer;
import dev.logline.context.logtrace.LogTrace;
import dev.logline.core.trace.TraceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DebugBufferTurboFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };
    private final DebugBufferTurboFilter filter = new DebugBufferTurboFilter();
    private Logger log;

    @BeforeEach
    void setUp() {
        // A context of our own, sharing the MDC that org.slf4j.MDC writes to.
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
        log = context.getLogger("shop.payments.Charge");
    }

    @AfterEach
    void tearDown() {
        context.stop();
    }

    private List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void debugLinesAreHeldAndWrittenOnlyWhenFlushed() throws Exception {
        DebugBuffer buffer = new DebugBuffer(16);
        TraceContext trace = TraceContext.newRoot();
        try (ContextScope t = CurrentTrace.open(trace); ContextScope b = buffer.bind()) {
            log.debug("card {} looked up", "****4242");
            log.atDebug().addKeyValue("attempt", 2).log("gateway called");
            log.trace("not held: TRACE is below the configured level");
            log.info("charge failed");
        }
        assertThat(messages()).containsExactly("charge failed");
        assertThat(buffer.size()).isEqualTo(2);

        Thread replayer = new Thread(buffer::flush, "replayer");
        replayer.start();
        replayer.join();
        assertThat(messages()).containsExactly("charge failed", "card ****4242 looked up", "gateway called");
        ILoggingEvent held = appender.list.get(2);
        assertThat(held.getLevel()).isEqualTo(Level.DEBUG);
        assertThat(held.getThreadName()).isEqualTo(Thread.currentThread().getName());
        assertThat(held.getMDCPropertyMap()).containsEntry("trace_id", trace.traceId());
        assertThat(held.getKeyValuePairs()).anySatisfy(kv -> {
            assertThat(kv.key).isEqualTo("attempt");
            assertThat(kv.value).isEqualTo(2);
        });
        assertThat(held.getTimeStamp()).isLessThanOrEqualTo(System.currentTimeMillis());
    }

    @Test
    void withoutABufferOrWhenTheLoggerIsEnabledNothingChanges() {
        log.debug("dropped as usual");
        Logger verbose = context.getLogger("shop.verbose");
        verbose.setLevel(Level.DEBUG);
        DebugBuffer buffer = new DebugBuffer(4);
        try (ContextScope b = buffer.bind()) {
            verbose.debug("enabled lines go straight out");
        }
        assertThat(messages()).containsExactly("enabled lines go straight out");
        assertThat(buffer.size()).isZero();
    }

    @Test
    void afterAFlushLaterDebugLinesGoStraightOut() {
        DebugBuffer buffer = new DebugBuffer(4);
        try (ContextScope b = buffer.bind()) {
            log.debug("held");
            buffer.flush();
            log.debug("after failure");
        }
        assertThat(messages()).containsExactly("held", "after failure");
    }

    @Test
    void aSuccessfulLogTraceDropsItsDebugLinesAFailedOneWritesThemFirst() {
        try (LogTrace t = LogTrace.start(log, "charge").bufferDebug()) {
            log.debug("quiet detail");
            t.add("charged");
        }
        assertThat(messages()).containsExactly("charge");

        appender.list.clear();
        try (LogTrace t = LogTrace.start(log, "charge").bufferDebug()) {
            log.debug("detail that explains the failure");
            t.fail(new IllegalStateException("declined"));
        }
        assertThat(messages()).containsExactly("detail that explains the failure", "charge");
        assertThat(appender.list.get(1).getLevel()).isEqualTo(Level.ERROR);
        assertThat(DebugBuffer.current()).isEmpty();
    }

    @Test
    void loggerPrefixesLimitWhatIsHeld() {
        filter.setLoggers("shop.orders");
        DebugBuffer buffer = new DebugBuffer(4);
        try (ContextScope b = buffer.bind()) {
            log.debug("payments line, not held");
            context.getLogger("shop.orders.Api").debug("orders line, held");
        }
        assertThat(buffer.size()).isEqualTo(1);
        buffer.flush();
        assertThat(messages()).containsExactly("orders line, held");
    }
}
