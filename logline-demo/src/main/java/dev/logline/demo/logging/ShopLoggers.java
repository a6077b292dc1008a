package dev.logline.demo.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logger names of the shop: every logger of service {@code s} lives under {@code shop.s}, which is how
 * {@link ShopLogShipping} gives each event the right {@code service} although all services share one JVM.
 */
public final class ShopLoggers {

    /** The parent of every shop logger. */
    public static final String ROOT = "shop";

    private ShopLoggers() {
    }

    /** The parent logger of one service: {@code shop.inventory}. */
    public static String servicePrefix(String service) {
        return ROOT + "." + service;
    }

    /** A logger of {@code service}, e.g. {@code of("purchasing", "Payments")} is {@code shop.purchasing.Payments}. */
    public static Logger of(String service, String component) {
        return LoggerFactory.getLogger(servicePrefix(service) + "." + component);
    }

    /** Where the servlet filter writes {@code service}'s request events. */
    public static String requestLogger(String service) {
        return servicePrefix(service) + ".request";
    }
}
