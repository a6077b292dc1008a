package dev.logline.logback.appender.transport;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.Map;

/**
 * What a transport needs from the appender's settings.
 *
 * @param url             the server's base URL (HTTP, OTLP), or Kafka's bootstrap servers
 * @param apiKey          where the key sent as {@code Authorization: Bearer} comes from (it may change at run time)
 * @param compression     request body compression
 * @param connectTimeout  how long opening a connection may take
 * @param topic           the Kafka topic
 * @param kafkaProperties extra Kafka producer properties
 * @param tls             how an https:// receiver is verified ({@code ClientTls}); {@code null}: the JDK's trust store
 */
public record TransportSettings(String url, ApiKeySource apiKey, Compression compression, Duration connectTimeout,
                                String topic, Map<String, String> kafkaProperties, SSLContext tls) {

    public TransportSettings {
        kafkaProperties = Map.copyOf(kafkaProperties);
    }

    /** The URL without a trailing slash, so paths can be appended. */
    public String baseUrl() {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
