package dev.logline.server.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.server.TenantResolver;
import dev.logline.server.auth.Caller;
import dev.logline.server.auth.Role;
import dev.logline.server.http.JsonResponse;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP API of one {@link DocumentKind} over the {@link DocumentStore}: {@code GET /api/v1/<kind>} lists,
 * {@code POST} creates (201, the caller's key becomes the owner), {@code GET|PUT|DELETE /api/v1/<kind>/{id}}
 * read, replace and delete. Every call stays in the caller's tenant. Any key that may read may open and create;
 * only the owner or an admin key changes or deletes (403 otherwise). A change may name the version it was based on
 * ({@code If-Match: "3"} or {@code "version": 3} in the body) and then fails with 409 when someone changed the
 * document meanwhile. Provisioned documents ({@link ProvisionedDocuments}) are listed and read like the others and
 * refuse every change with 403.
 *
 * <pre>
 * one  := {"id", "version", "owner", "updated", "provisioned", "editable", "&lt;singular&gt;": {body}}
 * list := {"items": [one, …], "problems": ["file …: why", …]}
 * </pre>
 * A request body is the bare body or an envelope {@code {"<singular>": {…}, "version": n}} (what an export holds).
 */
public final class DocumentsEndpoint implements HttpService {

    /** The largest document body accepted. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DocumentStore store;
    private final DocumentKind kind;
    private final ProvisionedDocuments provisioned;
    private final TenantResolver tenants;

    private DocumentsEndpoint(DocumentStore store, DocumentKind kind, ProvisionedDocuments provisioned,
                              TenantResolver tenants) {
        this.store = store;
        this.kind = kind;
        this.provisioned = provisioned;
        this.tenants = tenants;
    }

    /**
     * Mounts {@code /api/v1/<kind>} and {@code /api/v1/<kind>/{id}}.
     *
     * @param provisioned read-only documents of this kind, or {@code null} for none
     */
    public static void register(ServerBuilder sb, DocumentStore store, DocumentKind kind,
                                ProvisionedDocuments provisioned, TenantResolver tenants) {
        String base = "/api/v1/" + kind.plural();
        if (store == null) {
            HttpService none = (ctx, req) -> JsonResponse.error(HttpStatus.NOT_FOUND, "this server keeps no "
                    + kind.plural() + ": it runs without a place for documents (LoglineServer.Builder.documents; "
                    + "`logline server` keeps them in its --data directory)");
            sb.service(base, none);
            sb.service(base + "/{id}", none);
            return;
        }
        DocumentsEndpoint endpoint = new DocumentsEndpoint(store, kind,
                provisioned == null ? tenant -> ProvisionedDocuments.Snapshot.EMPTY : provisioned, tenants);
        sb.route().path(base).maxRequestLength(MAX_BODY_BYTES).build(endpoint);
        sb.route().path(base + "/{id}").maxRequestLength(MAX_BODY_BYTES).build(endpoint);
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        String tenant = tenants.tenantOf(ctx);
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("id");
        HttpMethod method = req.method();
        List<HttpMethod> allowed = id == null ? List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST)
                : List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.DELETE);
        if (!allowed.contains(method)) {
            return JsonResponse.of(ResponseHeaders.builder(HttpStatus.METHOD_NOT_ALLOWED)
                    .contentType(MediaType.JSON_UTF_8)
                    .add(HttpHeaderNames.ALLOW, String.join(", ", allowed.stream().map(HttpMethod::name).toList()))
                    .build(), g -> {
                g.writeStartObject();
                g.writeStringField("error", method + " is not allowed on " + ctx.path() + "; use "
                        + String.join(", ", allowed.stream().map(HttpMethod::name).toList()));
                g.writeEndObject();
            });
        }
        CompletableFuture<HttpResponse> answer = req.aggregate().thenApplyAsync(body -> switch (method.name()) {
            case "POST" -> create(tenant, caller, body);
            case "PUT" -> replace(tenant, caller, id, body);
            case "DELETE" -> delete(tenant, caller, id, body);
            default -> id == null ? list(tenant, caller) : read(tenant, caller, id);
        }, ctx.blockingTaskExecutor());
        return HttpResponse.of(answer.exceptionally(DocumentsEndpoint::failure));
    }

    private HttpResponse list(String tenant, Caller caller) {
        ProvisionedDocuments.Snapshot files = provisioned.load(tenant);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode items = out.putArray("items");
        files.documents().values().forEach(p -> items.add(envelope(p.document(), true, false)));
        for (StoredDocument d : store.list(tenant, kind.plural())) {
            if (!files.documents().containsKey(d.id())) {
                items.add(envelope(d, false, mayChange(caller, d)));
            }
        }
        ArrayNode problems = out.putArray("problems");
        files.problems().forEach(problems::add);
        return json(HttpStatus.OK, out);
    }

    private HttpResponse read(String tenant, Caller caller, String id) {
        ProvisionedDocuments.Provisioned file = provisioned.load(tenant).documents().get(id);
        if (file != null) {
            return json(HttpStatus.OK, envelope(file.document(), true, false));
        }
        StoredDocument d = store.get(tenant, kind.plural(), id).orElseThrow(() -> missing(id));
        return json(HttpStatus.OK, envelope(d, false, mayChange(caller, d)));
    }

    private HttpResponse create(String tenant, Caller caller, AggregatedHttpRequest req) {
        Change change = change(req);
        synchronized (this) {
            checkUnique(tenant, null, change.body());
            StoredDocument d = store.create(tenant, kind.plural(), owner(caller), change.body());
            ResponseHeaders headers = ResponseHeaders.builder(HttpStatus.CREATED).contentType(MediaType.JSON_UTF_8)
                    .add(HttpHeaderNames.LOCATION, "/api/v1/" + kind.plural() + "/" + d.id())
                    .add(HttpHeaderNames.ETAG, etag(d)).build();
            return HttpResponse.of(headers, HttpData.wrap(bytes(envelope(d, false, true))));
        }
    }

    private HttpResponse replace(String tenant, Caller caller, String id, AggregatedHttpRequest req) {
        refuseProvisioned(tenant, id);
        Change change = change(req);
        synchronized (this) {
            Optional<StoredDocument> old = store.get(tenant, kind.plural(), id);
            old.ifPresent(d -> checkMayChange(caller, d));
            checkUnique(tenant, id, change.body());
            StoredDocument d = store.put(tenant, kind.plural(), id, owner(caller), change.body(),
                    change.version(req));
            return json(old.isPresent() ? HttpStatus.OK : HttpStatus.CREATED, envelope(d, false, true));
        }
    }

    private HttpResponse delete(String tenant, Caller caller, String id, AggregatedHttpRequest req) {
        refuseProvisioned(tenant, id);
        synchronized (this) {
            StoredDocument d = store.get(tenant, kind.plural(), id).orElseThrow(() -> missing(id));
            checkMayChange(caller, d);
            long expected = ifMatch(req);
            if (expected != DocumentStore.ANY_VERSION && expected != d.version()) {
                throw new VersionConflictException(kind.singular() + " " + id, expected, d.version());
            }
            store.delete(tenant, kind.plural(), id);
            return HttpResponse.of(HttpStatus.NO_CONTENT);
        }
    }

    /** A change's body (checked by the kind) and the version it names in the body, if any. */
    private record Change(ObjectNode body, long bodyVersion) {
        long version(AggregatedHttpRequest req) {
            long header = ifMatch(req);
            return header != DocumentStore.ANY_VERSION ? header : bodyVersion;
        }
    }

    private Change change(AggregatedHttpRequest req) {
        JsonNode root;
        try {
            root = JSON.readTree(req.content().array());
        } catch (IOException e) {
            throw new InvalidDocumentException("body", "not valid JSON: " + String.valueOf(e.getMessage()).split("\n", 2)[0]);
        }
        if (!(root instanceof ObjectNode o)) {
            throw new InvalidDocumentException("body", "must be a JSON object: the " + kind.singular()
                    + " itself, or an export {\"" + kind.singular() + "\": {…}}");
        }
        long version = DocumentStore.ANY_VERSION;
        ObjectNode body = o;
        if (o.get(kind.singular()) instanceof ObjectNode inner) {
            // An envelope, as GET and exports give it: its metadata says nothing about the new document but the
            // version it was read at.
            body = inner;
            JsonNode v = o.get("version");
            if (v != null && v.canConvertToLong()) {
                version = v.asLong();
            }
        }
        return new Change(kind.validate(body.deepCopy()), version);
    }

    /** {@code If-Match: "3"} (or {@code 3}); {@link DocumentStore#ANY_VERSION} when absent or {@code *}. */
    private static long ifMatch(AggregatedHttpRequest req) {
        String v = req.headers().get(HttpHeaderNames.IF_MATCH);
        if (v == null || v.isBlank() || v.trim().equals("*")) {
            return DocumentStore.ANY_VERSION;
        }
        String digits = v.trim().replace("\"", "").replaceFirst("^W/", "");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new InvalidDocumentException("If-Match", "'" + v + "' is not a version; send the ETag a GET "
                    + "answered, such as \"3\"");
        }
    }

    private void checkUnique(String tenant, String id, ObjectNode body) {
        String field = kind.uniqueField();
        if (field == null || !body.path(field).isTextual()) {
            return;
        }
        String value = body.get(field).asText();
        for (StoredDocument d : store.list(tenant, kind.plural())) {
            if (!d.id().equals(id) && d.body().path(field).asText().toLowerCase(Locale.ROOT)
                    .equals(value.toLowerCase(Locale.ROOT))) {
                throw new DocumentRefusedException(HttpStatus.CONFLICT, "a " + kind.singular() + " with " + field
                        + " '" + value + "' exists already (id " + d.id() + "); choose another " + field
                        + " or change that one");
            }
        }
    }

    private void refuseProvisioned(String tenant, String id) {
        ProvisionedDocuments.Provisioned file = provisioned.load(tenant).documents().get(id);
        if (file != null) {
            throw new DocumentRefusedException(HttpStatus.FORBIDDEN, kind.singular() + " '" + id + "' is provisioned "
                    + "from " + file.source().getFileName() + " and read-only here; change that file (where your team "
                    + "keeps it) or import a copy with POST /api/v1/" + kind.plural());
        }
    }

    private void checkMayChange(Caller caller, StoredDocument d) {
        if (!mayChange(caller, d)) {
            throw new DocumentRefusedException(HttpStatus.FORBIDDEN, kind.singular() + " " + d.id()
                    + " belongs to key " + d.owner() + "; only its owner or an admin key may change or delete it "
                    + "(your key " + caller.keyId() + " has the " + caller.role().text() + " role)");
        }
    }

    /** Without auth everyone acts alike; with it, admin keys and the owner may change a document. */
    private static boolean mayChange(Caller caller, StoredDocument d) {
        return caller == null || caller.role() == Role.ADMIN || caller.keyId().equals(d.owner());
    }

    private static String owner(Caller caller) {
        return caller == null ? "" : caller.keyId();
    }

    private NoSuchElementException missing(String id) {
        return new NoSuchElementException("no " + kind.singular() + " with id '" + id + "' in this tenant; list them "
                + "with GET /api/v1/" + kind.plural());
    }

    private ObjectNode envelope(StoredDocument d, boolean isProvisioned, boolean editable) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", d.id());
        o.put("version", d.version());
        o.put("owner", d.owner());
        o.put("updated", d.updated().toString());
        o.put("provisioned", isProvisioned);
        o.put("editable", editable);
        o.set(kind.singular(), d.body());
        return o;
    }

    private static String etag(StoredDocument d) {
        return "\"" + d.version() + "\"";
    }

    private static HttpResponse json(HttpStatus status, ObjectNode body) {
        return HttpResponse.of(status, MediaType.JSON_UTF_8, bytes(body));
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static HttpResponse failure(Throwable failure) {
        Throwable t = JsonResponse.unwrap(failure);
        if (t instanceof InvalidDocumentException e) {
            return e.answer();
        }
        if (t instanceof VersionConflictException e) {
            return JsonResponse.of(HttpStatus.CONFLICT, g -> {
                g.writeStartObject();
                g.writeStringField("error", e.getMessage());
                g.writeNumberField("version", e.current());
                g.writeEndObject();
            });
        }
        if (t instanceof DocumentRefusedException e) {
            return JsonResponse.error(e.status(), e.getMessage());
        }
        if (t instanceof NoSuchElementException) {
            return JsonResponse.error(HttpStatus.NOT_FOUND, t.getMessage());
        }
        if (t instanceof IllegalArgumentException) {
            return JsonResponse.error(HttpStatus.BAD_REQUEST, t.getMessage());
        }
        if (t instanceof ContentTooLargeException) {
            return JsonResponse.error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "the document is over " + MAX_BODY_BYTES
                    + " bytes");
        }
        return JsonResponse.error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + t);
    }

    /** A change refused for a reason other than the body: not the owner (403), provisioned (403), a name taken (409). */
    private static final class DocumentRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient HttpStatus status;

        DocumentRefusedException(HttpStatus status, String message) {
            super(message);
            this.status = status;
        }

        HttpStatus status() {
            return status;
        }
    }
}
