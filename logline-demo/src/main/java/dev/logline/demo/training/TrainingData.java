package dev.logline.demo.training;

import dev.logline.demo.inventory.Catalog;
import dev.logline.demo.inventory.Product;
import dev.logline.demo.model.CustomerDirectory;
import dev.logline.demo.model.OrderFeatures;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generated order history to train the fraud model on, drawn as the shop's regular traffic is (regular customers,
 * one to three items, the discontinued lamp a tenth of the time), labelled by a hidden rule: large baskets, young
 * accounts and laptop bags are riskier. Written to CSV files, so the run can name its dataset by content hash.
 */
final class TrainingData {

    private static final String BAG = "SKU-BAG-06";

    private TrainingData() {
    }

    /** {@code n} orders from {@code seed}: the same seed gives the same orders. */
    static List<LabeledOrder> generate(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> customers = CustomerDirectory.regulars();
        List<Product> available = Catalog.available();
        List<LabeledOrder> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Product p = r.nextDouble() < 0.1 ? Catalog.product(Catalog.DISCONTINUED_SKU)
                    : available.get(r.nextInt(available.size()));
            int qty = 1 + r.nextInt(3);
            double amount = Math.round(p.price() * qty * 100) / 100.0;
            int age = CustomerDirectory.ageDays(customers.get(r.nextInt(customers.size())));
            double z = -2.0 + 0.025 * (amount - 60) - 0.9 * (Math.log1p(age) - 6) + (BAG.equals(p.sku()) ? 0.8 : 0);
            boolean fraud = r.nextDouble() < 1 / (1 + Math.exp(-z));
            out.add(new LabeledOrder(new OrderFeatures(amount, qty, age, p.sku()), fraud));
        }
        return out;
    }

    /** Writes orders as CSV ({@code amount,qty,customer_age_days,sku,fraud}). */
    static void write(List<LabeledOrder> orders, Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("amount,qty,customer_age_days,sku,fraud\n");
            for (LabeledOrder o : orders) {
                OrderFeatures f = o.features();
                w.write(String.format(Locale.ROOT, "%.2f,%d,%d,%s,%d%n", f.amount(), f.qty(), f.customerAgeDays(),
                        f.sku(), o.fraud() ? 1 : 0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training data to " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }
}
