package dev.logline.bench.encoder;

import co.elastic.logging.logback.EcsEncoder;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout.EventTemplateAdditionalField;

/**
 * The ECS-shaped peers, set up to write what LoglineEncoder writes for the benchmark events: the same service,
 * environment, version and host on every line (LoglineEncoder's {@code service}/{@code env}/{@code version}/{@code host}).
 */
public final class PeerEncoders {

    static final String SERVICE = "purchasing";
    static final String ENV = "prod";
    static final String VERSION = "1.4.2";
    static final String HOST = "node-1";

    private PeerEncoders() {
    }

    /** Elastic's ECS encoder for Logback (co.elastic.logging:logback-ecs-encoder), service fields set. */
    public static EcsEncoder ecsEncoder() {
        EcsEncoder enc = new EcsEncoder();
        enc.setServiceName(SERVICE);
        enc.setServiceEnvironment(ENV);
        enc.setServiceVersion(VERSION);
        enc.setServiceNodeName(HOST);
        return enc;
    }

    /**
     * Log4j2's JsonTemplateLayout with the ECS template shipped in log4j-layout-template-json
     * ({@code EcsLayout.json}); the template has no service fields, so they are added as the layout's constant
     * additional fields, as its manual suggests.
     */
    public static JsonTemplateLayout jsonTemplateLayoutEcs() {
        return JsonTemplateLayout.newBuilder()
                .setConfiguration(new DefaultConfiguration())
                .setEventTemplateUri("classpath:EcsLayout.json")
                .setEventTemplateAdditionalFields(new EventTemplateAdditionalField[] {
                        field("service.name", SERVICE), field("service.environment", ENV),
                        field("service.version", VERSION), field("host.name", HOST)})
                .build();
    }

    private static EventTemplateAdditionalField field(String key, String value) {
        return EventTemplateAdditionalField.newBuilder().setKey(key).setValue(value).build();
    }

    /** Sets LoglineEncoder's resource fields to the ones the peers write. */
    /** LoglineEncoder as {@link #loglineEncoder()} with redaction off: what the built-in rules cost is the difference. */
    public static dev.logline.logback.LoglineEncoder loglineEncoderWithoutRedaction() {
        dev.logline.logback.LoglineEncoder enc = loglineEncoder();
        enc.setRedaction("off");
        return enc;
    }

    public static dev.logline.logback.LoglineEncoder loglineEncoder() {
        dev.logline.logback.LoglineEncoder enc = new dev.logline.logback.LoglineEncoder();
        enc.setService(SERVICE);
        enc.setEnv(ENV);
        enc.setVersion(VERSION);
        enc.setHost(HOST);
        return enc;
    }
}
