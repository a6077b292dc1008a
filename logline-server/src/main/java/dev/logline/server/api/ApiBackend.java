package dev.logline.server.api;

import dev.logline.query.exec.QueryBudget;
import dev.logline.server.ServerConfig;
import dev.logline.server.TenantResolver;
import dev.logline.store.LogStore;

/**
 * What every query endpoint reads from: the store, the server's settings, who the caller is, and the admission of
 * queries (how many run at once).
 */
public record ApiBackend(LogStore store, ServerConfig config, TenantResolver tenants, QueryAdmission admission) {

    /** A backend whose admission follows the settings' concurrency limits. */
    public ApiBackend(LogStore store, ServerConfig config, TenantResolver tenants) {
        this(store, config, tenants, new QueryAdmission(config.maxQueriesPerKey(), config.maxQueries()));
    }

    /** The budget of one query (time, memory, groups, terms) from the settings' limits; its clock starts now. */
    public QueryBudget newBudget() {
        return config.queryLimits().start();
    }
}
