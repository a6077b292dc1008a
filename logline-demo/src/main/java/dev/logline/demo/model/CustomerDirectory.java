package dev.logline.demo.model;

import java.util.List;
import java.util.Map;

/**
 * The shop's customers and how old their accounts are: the feature store the fraud model reads. The twelve
 * regulars buy most of the time; accounts named {@code new-…} were opened days ago — the sign-up wave the demo's
 * traffic brings in part of the time, which moves {@code customer_age_days} away from the model's training data.
 */
public final class CustomerDirectory {

    /** The regular customers and their account ages in days. */
    private static final Map<String, Integer> REGULARS = ages();

    /** Accounts of the sign-up wave start with this. */
    public static final String NEW_ACCOUNT_PREFIX = "new-";

    private CustomerDirectory() {
    }

    private static Map<String, Integer> ages() {
        Map<String, Integer> m = new java.util.HashMap<>();
        m.put("paul", 1460);
        m.put("ana", 820);
        m.put("wei", 2210);
        m.put("fatima", 95);
        m.put("lars", 640);
        m.put("ines", 1890);
        m.put("kofi", 310);
        m.put("mei", 1175);
        m.put("raj", 45);
        m.put("olga", 2650);
        m.put("tomas", 520);
        m.put("yuki", 980);
        return Map.copyOf(m);
    }

    /** The regulars' names, sorted. */
    public static List<String> regulars() {
        return REGULARS.keySet().stream().sorted().toList();
    }

    /** Days since the account was opened: a regular's own age, 0..6 for a new account (stable per name). */
    public static int ageDays(String customer) {
        Integer age = REGULARS.get(customer);
        if (age != null) {
            return age;
        }
        return Math.floorMod(customer == null ? 0 : customer.hashCode(), 7);
    }
}
