package dev.logline.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import dev.logline.core.LogEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.logline.logback.EncoderFixture.decode;
import static dev.logline.logback.EncoderFixture.encoder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class EncoderSettingsTest {

    private final CapturedEvents events = new CapturedEvents();

    private List<String> errors(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == Status.ERROR)
                .map(Status::getMessage)
                .collect(Collectors.toList());
    }

    @Test
    void reportsBadSettingsAsStatusErrorsAndKeepsEncodingWithDefaults() {
        LoglineEncoder[] holder = new LoglineEncoder[1];
        assertThatCode(() -> holder[0] = encoder(events.context(), e -> {
            e.setPreset("splunk");
            e.setDottedKeys("sideways");
            e.setMaxStackDepth(0);
            e.setRenames("msg=message,nonsense,colour=hue,level=,thread=message,logger=ts");
        })).doesNotThrowAnyException();
        List<String> errors = errors(events.context());
        assertThat(errors).anyMatch(m -> m.contains("Unknown preset 'splunk'"))
                .anyMatch(m -> m.contains("Unknown dottedKeys 'sideways'"))
                .anyMatch(m -> m.contains("maxStackDepth must be at least 1"))
                .anyMatch(m -> m.contains("'nonsense': expected field=newName"))
                .anyMatch(m -> m.contains("unknown field 'colour'"))
                .anyMatch(m -> m.contains("the new name is empty"))
                .anyMatch(m -> m.contains("'message' is already the name of msg"))
                .anyMatch(m -> m.contains("logger=ts: that is the name of ts"));
        assertThat(holder[0].isStarted()).isTrue();
        LoggingEvent e = events.capture(log -> log.error("still works", new IllegalStateException("x")));
        LogEvent d = decode(holder[0].encode(e));
        // msg was validly renamed to "message", an alias the server maps back onto msg
        assertThat(d.msg()).isEqualTo("still works");
        assertThat(d.attributes()).isEmpty();
        assertThat(new String(holder[0].encode(e), StandardCharsets.UTF_8))
                .contains("\"message\":\"still works\"").contains("\"logger\":\"shop.purchasing.Orders\"")
                .contains("\"at dev.logline.logback.EncoderSettingsTest");
    }

    @Test
    void isConfiguredFromLogbackXmlWithBeanSetters() throws Exception {
        String xml = "<configuration>"
                + "<appender name='OUT' class='ch.qos.logback.core.ConsoleAppender'>"
                + "<encoder class='dev.logline.logback.LoglineEncoder'>"
                + "<preset>ecs</preset><service>inventory</service><env>staging</env><version>2.0</version>"
                + "<host>pod-3</host><renames>msg=text</renames><maxStackDepth>5</maxStackDepth>"
                + "<excludePackages>org.junit,sun.reflect</excludePackages><dottedKeys>nest</dottedKeys>"
                + "</encoder></appender><root level='INFO'><appender-ref ref='OUT'/></root></configuration>";
        LoggerContext context = new LoggerContext();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(errors(context)).isEmpty();
        ConsoleAppender<?> out = (ConsoleAppender<?>) context.getLogger("ROOT").getAppender("OUT");
        LoglineEncoder enc = (LoglineEncoder) out.getEncoder();
        assertThat(enc.isStarted()).isTrue();
        LoggingEvent e = events.capture(log -> log.info("configured"));
        String line = new String(enc.encode(e), StandardCharsets.UTF_8);
        assertThat(line).contains("\"text\":\"configured\"").contains("\"service.name\":\"inventory\"")
                .contains("\"service.environment\":\"staging\"").contains("\"host.name\":\"pod-3\"");
        context.stop();
    }

    @Test
    void reportsAMalformedXmlValueWithoutThrowing() throws Exception {
        String xml = "<configuration><appender name='OUT' class='ch.qos.logback.core.ConsoleAppender'>"
                + "<encoder class='dev.logline.logback.LoglineEncoder'><preset>nope</preset>"
                + "<maxStackDepth>-3</maxStackDepth></encoder></appender>"
                + "<root level='INFO'><appender-ref ref='OUT'/></root></configuration>";
        LoggerContext context = new LoggerContext();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        assertThatCode(() -> joran.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))))
                .doesNotThrowAnyException();
        assertThat(errors(context)).anyMatch(m -> m.contains("Unknown preset 'nope'"))
                .anyMatch(m -> m.contains("maxStackDepth must be at least 1, was -3"));
        context.stop();
    }

    @Test
    void encodesEvenWhenUsedBeforeStart() {
        LoglineEncoder enc = new LoglineEncoder();
        enc.setContext(events.context());
        enc.setEnvironment(Map.<String, String>of()::get);
        enc.setHost("h");
        LoggingEvent e = events.capture(log -> log.info("early"));
        assertThat(decode(enc.encode(e)).msg()).isEqualTo("early");
        assertThat(enc.isStarted()).isTrue();
    }
}
