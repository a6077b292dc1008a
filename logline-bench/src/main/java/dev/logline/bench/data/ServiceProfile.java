package dev.logline.bench.data;

import java.util.List;

/**
 * One service of the synthetic shop: its name, deployed version, pods and logger classes.
 *
 * @param name    the {@code service} field
 * @param version the {@code version} field
 * @param hosts   pod names, the {@code host} field
 * @param loggers logger names, the {@code logger} field
 */
record ServiceProfile(String name, String version, List<String> hosts, List<String> loggers) {

    /** The shop's services with a realistic spread of pods and logger classes, built from {@code seed}. */
    static List<ServiceProfile> shop(long seed) {
        return List.of(
                profile(seed, "gateway", "3.2.0", 6, "Routes", "AccessLog", "RateLimiter"),
                profile(seed, "auth", "2.8.1", 3, "TokenVerifier", "SessionStore", "LoginController"),
                profile(seed, "search", "1.14.3", 4, "QueryHandler", "IndexClient"),
                profile(seed, "inventory", "5.0.2", 4, "StockService", "ReservationRepository", "SkuCache"),
                profile(seed, "ordering", "1.4.2", 4, "Orders", "OrderRepository", "Checkout"),
                profile(seed, "payments", "7.1.0", 3, "PaymentService", "CardGateway", "LedgerWriter"),
                profile(seed, "shipping", "0.9.7", 2, "Dispatcher", "CarrierClient"),
                profile(seed, "notification", "2.0.0", 2, "Mailer", "PushSender", "TemplateRenderer"),
                profile(seed, "inference", "4.3.1", 3, "Predictor", "ModelRegistry", "FeatureStore"));
    }

    private static ServiceProfile profile(long seed, String name, String version, int pods, String... classes) {
        String replicaSet = StableHash.hex(seed ^ StableHash.of(name), 16).substring(0, 9);
        List<String> hosts = new java.util.ArrayList<>();
        for (int i = 0; i < pods; i++) {
            hosts.add(name + "-" + replicaSet + "-" + StableHash.hex(seed + i * 31L + StableHash.of(name), 16)
                    .substring(0, 5));
        }
        List<String> loggers = new java.util.ArrayList<>();
        for (String c : classes) {
            loggers.add("shop." + name + "." + c);
        }
        return new ServiceProfile(name, version, hosts, loggers);
    }
}
