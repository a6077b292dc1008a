package dev.logline.bench.collectors;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts batches to an HTTP collector and fails on any answer but 2xx (a benchmark that drops events measures nothing). */
final class HttpBatchSender implements BatchSender {

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI uri;
    private final String contentType;

    HttpBatchSender(int port, WireFormat format) {
        this.uri = URI.create("http://127.0.0.1:" + port + format.path);
        this.contentType = format.contentType;
    }

    @Override
    public void send(int lane, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("POST " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public void close() {
        // The JDK client's connections close when it is collected; nothing is held open on purpose.
    }
}
