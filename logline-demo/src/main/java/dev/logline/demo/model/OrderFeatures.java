package dev.logline.demo.model;

import dev.logline.demo.inventory.Catalog;
import dev.logline.demo.inventory.Product;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fraud model knows of an order: its amount, quantity, the customer's account age and the article.
 *
 * @param customerAgeDays from {@link CustomerDirectory}
 */
public record OrderFeatures(double amount, int qty, int customerAgeDays, String sku) {

    /** The articles in one-hot order (the whole catalog, the discontinued lamp included: it is ordered too). */
    static final List<String> SKUS = Catalog.products().stream().map(Product::sku).toList();

    /** Length of {@link #vector()}. */
    public static final int SIZE = 3 + SKUS.size();

    /** The model's input: amount in hundreds, quantity, log account age scaled to about 0..1, the article one-hot. */
    public double[] vector() {
        double[] v = new double[SIZE];
        v[0] = amount / 100.0;
        v[1] = qty;
        v[2] = Math.log1p(customerAgeDays) / 8.0;
        int i = SKUS.indexOf(sku);
        if (i >= 0) {
            v[3 + i] = 1;
        }
        return v;
    }

    /** The features by name, as drift baselines and inference input summaries see them. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("amount", amount);
        m.put("qty", qty);
        m.put("customer_age_days", customerAgeDays);
        m.put("sku", sku);
        return m;
    }
}
