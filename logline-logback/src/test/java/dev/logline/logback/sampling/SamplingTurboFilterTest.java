package dev.logline.logback.sampling;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import dev.logline.context.ContextScope;
import dev.logline.context.CurrentTrace;
import dev.logline.core.trace.TraceContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SamplingTurboFilterTest {

    private static final String CONFIG = """
            <configuration>
              <turboFilter class="dev.logline.logback.sampling.SamplingTurboFilter">
                <rule>logger=shop.db; rate=1</rule>
                <rule>rate=0.3</rule>
              </turboFilter>
              <appender name="LIST" class="dev.logline.logback.sampling.SamplingTurboFilterTest$FreezingListAppender"/>
              <root level="DEBUG"><appender-ref ref="LIST"/></root>
            </configuration>
            """;

    /** Keeps events with their MDC frozen at logging time, as asynchronous appenders do. */
    public static class FreezingListAppender extends ListAppender<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    }

    /** One service: a Logback context configured from logback.xml text. */
    private static LoggerContext service(String xml) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return context;
    }

    @SuppressWarnings("unchecked")
    private static List<ILoggingEvent> events(LoggerContext context) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        return ((ListAppender<ILoggingEvent>) root.getAppender("LIST")).list;
    }

    @Test
    void twoServicesKeepOrDropEachTransactionTogether() throws Exception {
        LoggerContext purchasing = service(CONFIG);
        LoggerContext ordering = service(CONFIG);
        int transactions = 2000;
        for (int i = 0; i < transactions; i++) {
            TraceContext trace = TraceContext.newRoot();
            try (ContextScope scope = CurrentTrace.open(trace)) {
                ordering.getLogger("shop.ordering.Api").info("order received");
                purchasing.getLogger("shop.purchasing.Orders").info("purchase started");
                purchasing.getLogger("shop.purchasing.Orders").atDebug().addKeyValue("step", 1).log("details");
                ordering.getLogger("shop.ordering.Api").warn("slow answer");
                purchasing.getLogger("shop.db.Pool").debug("connection borrowed");
            }
        }
        Map<String, Integer> perTrace = new HashMap<>();
        for (ILoggingEvent e : events(purchasing)) {
            if (!e.getLoggerName().startsWith("shop.db")) {
                perTrace.merge(e.getMDCPropertyMap().get("trace_id"), 1, Integer::sum);
            }
        }
        Map<String, Integer> orderingInfo = new HashMap<>();
        for (ILoggingEvent e : events(ordering)) {
            if (e.getLevel().toString().equals("INFO")) {
                orderingInfo.merge(e.getMDCPropertyMap().get("trace_id"), 1, Integer::sum);
            }
        }
        // Whole transactions: both purchasing lines of a kept trace are there, and ordering kept the same traces.
        assertThat(perTrace.values()).allMatch(n -> n == 2);
        assertThat(orderingInfo.keySet()).isEqualTo(perTrace.keySet());
        // Binomial(2000, 0.3): sd about 20.5; allow 6 sd.
        assertThat(perTrace.size()).isBetween(600 - 123, 600 + 123);
        // WARN is never sampled by these rules, and shop.db is kept whole by the first rule.
        assertThat(events(ordering).stream().filter(e -> e.getLevel().toString().equals("WARN"))).hasSize(transactions);
        assertThat(events(purchasing).stream().filter(e -> e.getLoggerName().startsWith("shop.db"))).hasSize(transactions);
        SamplingTurboFilter filter = (SamplingTurboFilter) purchasing.getTurboFilterList().get(0);
        assertThat(filter.getSampler().droppedBySamplingCount()).isEqualTo(2L * (transactions - perTrace.size()));
    }

    @Test
    void rateLimitPerMessageTemplate() throws Exception {
        LoggerContext context = service(CONFIG.replace("<rule>logger=shop.db; rate=1</rule>\n    <rule>rate=0.3</rule>",
                "<rule>limit=5/h; by=message</rule>"));
        Logger log = context.getLogger("shop.api.Poller");
        for (int i = 0; i < 50; i++) {
            log.info("polled {} items", i);
            log.info("queue depth {}", i);
        }
        assertThat(events(context)).hasSize(10);
    }

    @Test
    void aBadRuleIsReportedAndTheFilterStaysOff() throws Exception {
        LoggerContext context = service(CONFIG.replace("rate=0.3", "rate=often"));
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anySatisfy(s -> {
                    assertThat(s.getLevel()).isEqualTo(Status.ERROR);
                    assertThat(s.getMessage()).contains("rate 'often' is not a number");
                });
        Logger log = context.getLogger("shop.api");
        for (int i = 0; i < 20; i++) {
            try (ContextScope scope = CurrentTrace.open(TraceContext.newRoot())) {
                log.info("kept {}", i);
            }
        }
        assertThat(events(context)).hasSize(20);
    }
}
