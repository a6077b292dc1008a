package dev.logline.server.collect.otlp;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.server.ingest.DecodedBatch;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OtlpJsonTest {

    /**
     * A logs export in the shape of the OTLP specification's JSON example: lowerCamelCase names, hex ids in
     * upper case, a severity given only as text, int64 values both as JSON numbers and as strings.
     */
    private static final String SPEC_SHAPED_EXPORT = """
            {"resourceLogs":[{
              "resource":{"attributes":[
                {"key":"service.name","value":{"stringValue":"checkout"}},
                {"key":"deployment.environment.name","value":{"stringValue":"staging"}},
                {"key":"k8s.pod.name","value":{"stringValue":"checkout-7f9c"}}]},
              "scopeLogs":[{
                "scope":{"name":"shop.checkout.Payments","version":"2.1.0"},
                "logRecords":[{
                  "timeUnixNano":"1763805600300000000",
                  "observedTimeUnixNano":1763805600400000000,
                  "severityText":"Information",
                  "traceId":"5B8EFFF798038103D269B633813FC60C",
                  "spanId":"EEE19B7EC3C1B174",
                  "body":{"stringValue":"card authorised"},
                  "attributes":[
                    {"key":"string.attribute","value":{"stringValue":"some string"}},
                    {"key":"boolean.attribute","value":{"boolValue":true}},
                    {"key":"int.attribute","value":{"intValue":"10"}},
                    {"key":"int.as.number","value":{"intValue":11}},
                    {"key":"double.attribute","value":{"doubleValue":637.704}},
                    {"key":"array.attribute","value":{"arrayValue":{"values":[{"stringValue":"many"},{"stringValue":"values"}]}}},
                    {"key":"map.attribute","value":{"kvlistValue":{"values":[{"key":"some.map.key","value":{"stringValue":"some value"}}]}}}]
                },{
                  "observedTimeUnixNano":"1763805601000000000",
                  "severityNumber":"SEVERITY_NUMBER_ERROR",
                  "body":{"kvlistValue":{"values":[{"key":"event","value":{"stringValue":"declined"}}]}},
                  "attributes":[
                    {"key":"exception.type","value":{"stringValue":"java.net.SocketTimeoutException"}},
                    {"key":"exception.message","value":{"stringValue":"Read timed out"}},
                    {"key":"unknownFieldsAreIgnored","value":{"stringValue":"x"}, "futureField": 1}]
                }]}]}]}
            """;

    @Test
    void readsTheSpecificationShapedExport() {
        ExportLogsServiceRequest request = OtlpJson.parseLogsRequest(SPEC_SHAPED_EXPORT.getBytes(StandardCharsets.UTF_8));
        DecodedBatch batch = OtlpLogsMapper.map(request, 0);

        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.events()).hasSize(2);
        LogEvent first = batch.events().get(0);
        assertThat(first.service()).isEqualTo("checkout");
        assertThat(first.env()).isEqualTo("staging");
        assertThat(first.logger()).isEqualTo("shop.checkout.Payments");
        assertThat(first.level()).isEqualTo(Level.INFO);
        assertThat(first.msg()).isEqualTo("card authorised");
        assertThat(first.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(first.spanId()).isEqualTo("eee19b7ec3c1b174");
        assertThat(first.tsMicros()).isEqualTo(1763805600300000L);
        assertThat(first.attributes())
                .containsEntry("k8s.pod.name", "checkout-7f9c")
                .containsEntry("string.attribute", "some string")
                .containsEntry("boolean.attribute", true)
                .containsEntry("int.attribute", 10L)
                .containsEntry("int.as.number", 11L)
                .containsEntry("double.attribute", 637.704)
                .containsEntry("array.attribute", List.of("many", "values"))
                .containsEntry("map.attribute", Map.of("some.map.key", "some value"));

        LogEvent second = batch.events().get(1);
        assertThat(second.tsMicros()).as("observed time when time is unset").isEqualTo(1763805601000000L);
        assertThat(second.level()).isEqualTo(Level.ERROR);
        assertThat(second.msg()).isEqualTo("{\"event\":\"declined\"}");
        assertThat(second.attributes()).containsEntry("body", Map.of("event", "declined"));
        assertThat(second.error().type()).isEqualTo("java.net.SocketTimeoutException");
        assertThat(second.error().message()).isEqualTo("Read timed out");
        assertThat(second.traceId()).isNull();
    }

    @Test
    void badIdsAndShapesAreClearErrors() {
        assertThatThrownBy(() -> OtlpJson.parseLogsRequest(
                "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"traceId\":\"xyz\"}]}]}]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("traceId 'xyz' is not hex");
        assertThatThrownBy(() -> OtlpJson.parseLogsRequest("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OtlpJson.parseLogsRequest("{\"resourceLogs\":5}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OTLP/JSON");
    }

    @Test
    void printsResponsesInOtlpJson() {
        assertThat(OtlpJson.print(ExportLogsServiceResponse.getDefaultInstance())).isEqualTo("{}");
    }
}
