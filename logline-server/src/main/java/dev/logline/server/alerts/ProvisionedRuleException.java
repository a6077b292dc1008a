package dev.logline.server.alerts;

/** A change through the API to a rule that the alerts file defines; the API answers 409. */
public final class ProvisionedRuleException extends RuntimeException {

    public ProvisionedRuleException(String id) {
        super("alert rule " + id + " comes from the alerts file (logline server --alerts) and is read-only through "
                + "the API; change it in the file and restart the server");
    }
}
