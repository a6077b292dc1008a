package dev.logline.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.logline.core.fuzz.FuzzGuard;
import dev.logline.core.fuzz.FuzzInputs;
import ch.qos.logback.core.status.Status;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.slf4j.MDC;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code logback.xml} with Logline's parts, damaged: Joran either refuses the file ({@link JoranException}) or
 * configures it, every bad Logline setting becoming a status message; then logging through what was configured never
 * throws at the application, and the context stops. The appender's URL comes from a context property, so no
 * mutation can point it anywhere but a closed port on the loopback address; its spool is off.
 */
class LogbackConfigFuzzTest {

    private static final String CONFIG = """
            <configuration>
              <turboFilter class="dev.logline.logback.sampling.SamplingTurboFilter">
                <rule>logger=shop.db; rate=0.5</rule>
                <rule>logger=shop.api; limit=100/s; by=message</rule>
                <traceIdKey>trace_id</traceIdKey>
                <maxKeys>16</maxKeys>
              </turboFilter>
              <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder class="dev.logline.logback.LoglineEncoder">
                  <service>purchasing</service>
                  <env>prod</env>
                  <preset>ecs</preset>
                  <renames>msg=message,level=severity</renames>
                  <dottedKeys>nest</dottedKeys>
                  <maxStackDepth>8</maxStackDepth>
                  <excludePackages>java.lang.reflect, jdk.internal</excludePackages>
                  <redaction>on</redaction>
                  <redact>field password mask; field *.token drop</redact>
                  <redact>regex order /ORD[0-9]+/ partial</redact>
                  <redactionKey>a-secret-for-the-hash-action</redactionKey>
                </encoder>
              </appender>
              <appender name="LOGLINE" class="dev.logline.logback.appender.LoglineAppender">
                <url>${FUZZ_URL}</url>
                <spoolMaxBytes>0</spoolMaxBytes>
                <jmx>false</jmx>
                <queueSize>64</queueSize>
                <batchSize>16</batchSize>
                <lingerMs>20</lingerMs>
                <compression>gzip</compression>
                <onFull>drop</onFull>
                <flushTimeoutMs>50</flushTimeoutMs>
                <encoder class="dev.logline.logback.LoglineEncoder"><service>hello</service></encoder>
              </appender>
              <logger name="unused" level="INFO"><appender-ref ref="LOGLINE"/></logger>
              <root level="INFO"><appender-ref ref="STDOUT"/></root>
            </configuration>
            """;

    @Provide
    Arbitrary<byte[]> configs() {
        return FuzzInputs.mutated(List.of(CONFIG.getBytes(StandardCharsets.UTF_8)));
    }

    /** The seed the mutations start from is a configuration Logback takes without a single error. */
    @Example
    void theUndamagedConfigurationHasNoErrors() throws JoranException {
        LoggerContext context = new LoggerContext();
        context.putProperty("FUZZ_URL", "http://127.0.0.1:9");
        try {
            JoranConfigurator joran = new JoranConfigurator();
            joran.setContext(context);
            joran.doConfigure(new ByteArrayInputStream(CONFIG.getBytes(StandardCharsets.UTF_8)));
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .noneMatch(s -> s.getLevel() >= Status.WARN);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT").isStarted()).isTrue();
            assertThat(context.getLogger("unused").getAppender("LOGLINE").isStarted()).isTrue();
        } finally {
            context.stop();
        }
    }

    @Property
    void aDamagedConfigurationNeverThrowsAtTheApplication(@ForAll("configs") byte[] xml) {
        LoggerContext context = new LoggerContext();
        context.putProperty("FUZZ_URL", "http://127.0.0.1:9");
        try {
            FuzzGuard.run(xml.length, () -> {
                JoranConfigurator joran = new JoranConfigurator();
                joran.setContext(context);
                try {
                    joran.doConfigure(new ByteArrayInputStream(xml));
                } catch (JoranException e) {
                    assertThat(e.getMessage()).isNotBlank();
                }
                Logger log = context.getLogger("shop.api.Orders");
                MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
                try {
                    log.atInfo().addKeyValue("password", "hunter2").log("order ORD987 placed");
                    log.error("payment failed", new IllegalStateException("card 4111 1111 1111 1111 declined"));
                    context.getLogger("shop.db").warn("slow query {} ms", 1234);
                } finally {
                    MDC.clear();
                }
            });
        } finally {
            context.stop();
        }
    }
}
