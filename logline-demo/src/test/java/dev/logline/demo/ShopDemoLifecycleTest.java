package dev.logline.demo;

import dev.logline.demo.traffic.Purchase;
import dev.logline.demo.traffic.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shop keeps selling while the log server is away, and leaves nothing running once closed. */
class ShopDemoLifecycleTest {

    @TempDir
    Path spool;

    @Test
    void sellsWithoutALogServerSpoolsItsEventsAndStopsEverythingOnClose() throws Exception {
        URI nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        ShopDemo shop = ShopDemo.start(DemoSettings.defaults(nobody, spool).withPurchasesPerSecond(0));
        URI ordering = shop.orderingUri();
        try {
            Purchase p = shop.traffic().purchase(Scenario.PLACED);
            assertThat(p.status()).isEqualTo(201);
            assertThat(shop.eventsShipped()).isZero();
        } finally {
            shop.close();
        }

        // Undeliverable events went to each service's spool, to be sent when a server is back.
        try (Stream<Path> files = Files.walk(spool)) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> size(f) > 0)
                    .map(f -> spool.relativize(f).getName(0).toString()).distinct())
                    .contains("inventory", "purchasing", "ordering", "inference");
        }
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(Thread::isAlive).extracting(Thread::getName)
                .noneMatch(n -> List.of("inventory-http", "purchasing-http", "ordering-http", "inference-http",
                        "payment-gateway-http", "purchasing-worker", "ordering-worker", "shop-traffic",
                        "logline-appender-shop-").stream().anyMatch(n::startsWith));
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(ordering.resolve("/orders"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ConnectException.class);
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }
}
