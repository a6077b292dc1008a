package dev.logline.context.servlet;

import dev.logline.context.ContextScope;
import dev.logline.context.ContextSnapshot;
import dev.logline.context.CurrentTrace;
import dev.logline.context.DebugBuffer;
import dev.logline.context.RequestEvent;
import dev.logline.core.trace.InboundTraceHeaders;
import dev.logline.core.trace.TraceContext;
import dev.logline.core.trace.TraceHeader;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

import java.io.IOException;
import java.util.Map;

/**
 * Runs each HTTP request in a trace context: continues the caller's ({@code traceparent}, B3, {@code X-Trace-ID},
 * {@code X-Request-Id}) or starts one, binds it to MDC for the request, answers with {@code traceparent} and
 * {@code X-Trace-ID} response headers, and emits ONE request event when the request ends (method, route, path,
 * status, duration_ms, client and every field code added through {@link RequestEvent#current()}).
 *
 * <p>Init parameters (web.xml or {@code FilterHolder.setInitParameter}), each also a setter:
 * {@code emitRequestEvent} (true), {@code requestLogger} ({@code logline.request}), {@code responseHeaders}
 * (true), {@code debugBuffer} (false), {@code debugBufferSize} (256), {@code trustForwardedFor} (false).
 * The event is INFO, ERROR for a 5xx status or an exception.
 */
@SuppressWarnings("try") // scopes are opened for their effect on the thread, not used in the body
public class TraceContextFilter implements Filter {

    private boolean emitRequestEvent = true;
    private Logger requestLog = LoggerFactory.getLogger("logline.request");
    private boolean responseHeaders = true;
    private boolean debugBuffer;
    private int debugBufferSize = DebugBuffer.DEFAULT_CAPACITY;
    private boolean trustForwardedFor;

    @Override
    public void init(FilterConfig config) {
        String v;
        if ((v = config.getInitParameter("emitRequestEvent")) != null) {
            setEmitRequestEvent(Boolean.parseBoolean(v.trim()));
        }
        if ((v = config.getInitParameter("requestLogger")) != null) {
            setRequestLogger(v.trim());
        }
        if ((v = config.getInitParameter("responseHeaders")) != null) {
            setResponseHeaders(Boolean.parseBoolean(v.trim()));
        }
        if ((v = config.getInitParameter("debugBuffer")) != null) {
            setDebugBuffer(Boolean.parseBoolean(v.trim()));
        }
        if ((v = config.getInitParameter("debugBufferSize")) != null) {
            setDebugBufferSize(Integer.parseInt(v.trim()));
        }
        if ((v = config.getInitParameter("trustForwardedFor")) != null) {
            setTrustForwardedFor(Boolean.parseBoolean(v.trim()));
        }
    }

    public void setEmitRequestEvent(boolean emit) {
        this.emitRequestEvent = emit;
    }

    public void setRequestLogger(String name) {
        this.requestLog = LoggerFactory.getLogger(name);
    }

    public void setResponseHeaders(boolean write) {
        this.responseHeaders = write;
    }

    public void setDebugBuffer(boolean buffer) {
        this.debugBuffer = buffer;
    }

    public void setDebugBufferSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("debugBufferSize must be at least 1: " + size);
        }
        this.debugBufferSize = size;
    }

    /** Take the client address from the first {@code X-Forwarded-For} entry: only behind a proxy you run. */
    public void setTrustForwardedFor(boolean trust) {
        this.trustForwardedFor = trust;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        TraceContext ctx = CurrentTrace.fromOpenTelemetry()
                .orElseGet(() -> InboundTraceHeaders.continueOrStart(request::getHeader));
        if (responseHeaders) {
            ctx.traceparent().ifPresent(tp -> response.setHeader(TraceHeader.TRACEPARENT, tp));
            response.setHeader("X-Trace-ID", ctx.traceId());
        }
        RequestEvent event = RequestEvent.create();
        DebugBuffer buffer = debugBuffer ? new DebugBuffer(debugBufferSize) : null;
        long startNanos = System.nanoTime();
        try (ContextScope traceScope = CurrentTrace.open(ctx);
             ContextScope eventScope = event.bind();
             ContextScope bufferScope = buffer == null ? null : buffer.bind()) {
            Throwable failure = null;
            try {
                chain.doFilter(request, response);
            } catch (IOException | ServletException | RuntimeException | Error e) {
                failure = e;
                throw e;
            } finally {
                if (failure == null && request.isAsyncStarted()) {
                    // The response is not done yet: finish when the async cycle completes, in this context.
                    ContextSnapshot snapshot = ContextSnapshot.capture();
                    request.getAsyncContext().addListener(new FinishOnAsyncEnd(request, response, event, buffer,
                            startNanos, snapshot));
                } else {
                    finish(request, response, event, buffer, startNanos, failure);
                }
            }
        }
    }

    private void finish(HttpServletRequest request, HttpServletResponse response, RequestEvent event,
                        DebugBuffer buffer, long startNanos, Throwable failure) {
        double durationMs = Math.round((System.nanoTime() - startNanos) / 1_000.0) / 1_000.0;
        // An exception that escaped the servlet becomes a 500 the container writes after us.
        int status = failure != null && !response.isCommitted() ? 500 : response.getStatus();
        boolean failed = failure != null || status >= 500;
        if (buffer != null) {
            if (failed) {
                buffer.flush();
            } else {
                buffer.discard();
            }
        }
        if (!emitRequestEvent) {
            return;
        }
        Level level = failed ? Level.ERROR : Level.INFO;
        if (!requestLog.isEnabledForLevel(level)) {
            return;
        }
        Map<String, Object> fields = event.fields();
        String route = fields.get("route") instanceof String r ? r : route(request);
        LoggingEventBuilder b = requestLog.atLevel(level)
                .setMessage(request.getMethod() + " " + route + " " + status)
                .addKeyValue("method", request.getMethod())
                .addKeyValue("route", route)
                .addKeyValue("path", request.getRequestURI())
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", durationMs)
                .addKeyValue("client", client(request));
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            if (!"route".equals(f.getKey())) {
                b = b.addKeyValue(f.getKey(), f.getValue());
            }
        }
        if (failure != null) {
            b = b.setCause(failure);
        }
        b.log();
    }

    /** The servlet mapping that served the request ({@code /orders/*}), or the path when only the default matched. */
    static String route(HttpServletRequest request) {
        HttpServletMapping mapping = request.getHttpServletMapping();
        if (mapping != null && mapping.getPattern() != null && !mapping.getPattern().isEmpty()
                && !"/".equals(mapping.getPattern())) {
            return request.getContextPath() + mapping.getPattern();
        }
        return request.getRequestURI();
    }

    private String client(HttpServletRequest request) {
        if (trustForwardedFor) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                int comma = forwarded.indexOf(',');
                return (comma < 0 ? forwarded : forwarded.substring(0, comma)).trim();
            }
        }
        return request.getRemoteAddr();
    }

    /** Emits the request event of an async request once its async cycle ends. */
    private final class FinishOnAsyncEnd implements AsyncListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final RequestEvent event;
        private final DebugBuffer buffer;
        private final long startNanos;
        private final ContextSnapshot snapshot;
        private Throwable failure;

        FinishOnAsyncEnd(HttpServletRequest request, HttpServletResponse response, RequestEvent event,
                         DebugBuffer buffer, long startNanos, ContextSnapshot snapshot) {
            this.request = request;
            this.response = response;
            this.event = event;
            this.buffer = buffer;
            this.startNanos = startNanos;
            this.snapshot = snapshot;
        }

        @Override
        public void onComplete(AsyncEvent e) {
            try (ContextScope ignored = snapshot.restore()) {
                finish(request, response, event, buffer, startNanos, failure);
            }
        }

        @Override
        public void onTimeout(AsyncEvent e) {
            failure = e.getThrowable();
        }

        @Override
        public void onError(AsyncEvent e) {
            failure = e.getThrowable();
        }

        @Override
        public void onStartAsync(AsyncEvent e) {
            e.getAsyncContext().addListener(this);
        }
    }
}
