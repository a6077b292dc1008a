package dev.logline.server.http;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One page of the web UI served at paths that are not files, such as {@code /dashboards/{id}}: the page reads its
 * id from the address and loads the rest by absolute paths. Read from the class path on each request (it is small),
 * so a UI served from source shows edits at once.
 */
public final class WebPageService implements HttpService {

    private final ClassLoader loader;
    private final String resource;

    /** @param resource the page's class path resource, e.g. {@code dev/logline/server/web/dashboards.html} */
    public WebPageService(ClassLoader loader, String resource) {
        this.loader = loader;
        this.resource = resource;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        byte[] page;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return JsonResponse.error(HttpStatus.NOT_FOUND, "this server has no page " + resource);
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK).contentType(MediaType.HTML_UTF_8)
                .add(HttpHeaderNames.CACHE_CONTROL, "no-cache").build(), HttpData.wrap(page));
    }
}
