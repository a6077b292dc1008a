package dev.logline.logback;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceResourceTest {

    private static final ServiceResource NONE = new ServiceResource(null, null, null, null);

    private static ServiceResource resolve(ServiceResource settings, Map<String, String> env) {
        return ServiceResource.resolve(settings, env::get, () -> "machine-7");
    }

    @Test
    void settingsWinOverLoglineVariablesWhichWinOverOtel() {
        Map<String, String> env = Map.of(
                "LOGLINE_SERVICE", "from-logline", "OTEL_SERVICE_NAME", "from-otel",
                "LOGLINE_ENV", "staging",
                "OTEL_RESOURCE_ATTRIBUTES", "service.name=attr,deployment.environment=prod,service.version=9.9,host.name=otel-host");
        ServiceResource r = resolve(new ServiceResource("explicit", null, null, null), env);
        assertThat(r).isEqualTo(new ServiceResource("explicit", "staging", "9.9", "otel-host"));
        assertThat(resolve(NONE, env).service()).isEqualTo("from-logline");
    }

    @Test
    void readsOtelServiceNameBeforeResourceAttributes() {
        Map<String, String> env = Map.of("OTEL_SERVICE_NAME", "svc",
                "OTEL_RESOURCE_ATTRIBUTES", " service.name = other , service.version=1.0%2Brc1");
        ServiceResource r = resolve(NONE, env);
        assertThat(r.service()).isEqualTo("svc");
        assertThat(r.version()).isEqualTo("1.0+rc1");
        assertThat(resolve(NONE, Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.name=other")).service()).isEqualTo("other");
    }

    @Test
    void fallsBackToTheMachineHostname() {
        assertThat(resolve(NONE, Map.of()).host()).isEqualTo("machine-7");
        assertThat(resolve(NONE, Map.of("LOGLINE_HOST", "pod-1")).host()).isEqualTo("pod-1");
        assertThat(ServiceResource.machineHostname(Map.of("HOSTNAME", "box")::get)).isEqualTo("box");
        assertThat(ServiceResource.machineHostname(k -> null)).isNotBlank();
    }
}
