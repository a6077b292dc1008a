package dev.logline.logback;

import java.net.InetAddress;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who emits the events — service, env, version and host — resolved once: explicit settings win, then
 * {@code LOGLINE_*} environment variables, then OpenTelemetry's {@code OTEL_SERVICE_NAME} and
 * {@code OTEL_RESOURCE_ATTRIBUTES}; host falls back to the machine's hostname.
 *
 * @param service the service name, or {@code null}
 * @param env     the deployment environment, or {@code null}
 * @param version the service version, or {@code null}
 * @param host    the host name, never {@code null} once resolved against a real machine
 */
public record ServiceResource(String service, String env, String version, String host) {

    /**
     * Resolves the four values.
     *
     * @param settings    the values given in logback.xml (any may be {@code null})
     * @param environment reads an environment variable ({@code System::getenv} in production)
     * @param hostname    the machine's hostname, asked only when nothing else names the host
     */
    public static ServiceResource resolve(ServiceResource settings, Function<String, String> environment,
                                          Supplier<String> hostname) {
        String otelAttributes = environment.apply("OTEL_RESOURCE_ATTRIBUTES");
        String service = first(settings.service, environment.apply("LOGLINE_SERVICE"),
                environment.apply("OTEL_SERVICE_NAME"), otelAttribute(otelAttributes, "service.name"));
        String env = first(settings.env, environment.apply("LOGLINE_ENV"),
                otelAttribute(otelAttributes, "deployment.environment.name"),
                otelAttribute(otelAttributes, "deployment.environment"));
        String version = first(settings.version, environment.apply("LOGLINE_VERSION"),
                otelAttribute(otelAttributes, "service.version"));
        String host = first(settings.host, environment.apply("LOGLINE_HOST"),
                otelAttribute(otelAttributes, "host.name"));
        if (host == null) {
            host = hostname.get();
        }
        return new ServiceResource(service, env, version, host);
    }

    /** This machine's hostname: {@code HOSTNAME}/{@code COMPUTERNAME} if set, else the resolver's answer. */
    public static String machineHostname(Function<String, String> environment) {
        String h = first(environment.apply("HOSTNAME"), environment.apply("COMPUTERNAME"));
        if (h != null) {
            return h;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

    /** A value from OTel's {@code key1=value1,key2=value2} list (values may be percent-encoded). */
    static String otelAttribute(String list, String key) {
        if (list == null) {
            return null;
        }
        for (String pair : list.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(key)) {
                String v = pair.substring(eq + 1).trim();
                try {
                    v = java.net.URLDecoder.decode(v.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IllegalArgumentException badEscape) {
                    // keep the raw text: a stray '%' is more likely part of the value than an encoding
                }
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c.trim();
            }
        }
        return null;
    }
}
