package dev.logline.demo.inventory;

import java.util.List;
import java.util.NoSuchElementException;

/** What the shop sells: a few articles that restock, and one discontinued lamp that is always out of stock. */
public final class Catalog {

    /** The article every out-of-stock purchase asks for. */
    public static final String DISCONTINUED_SKU = "SKU-LAMP-07";

    private static final List<Product> PRODUCTS = List.of(
            new Product("SKU-MUG-01", "Logline mug", 12.50, 40, true),
            new Product("SKU-TEE-02", "Trace-id T-shirt", 24.00, 30, true),
            new Product("SKU-BOOK-03", "Distributed tracing handbook", 39.90, 25, true),
            new Product("SKU-HOOD-04", "Hoodie", 65.00, 20, true),
            new Product("SKU-CAP-05", "Cap", 18.00, 35, true),
            new Product("SKU-BAG-06", "Laptop bag", 45.00, 15, true),
            new Product(DISCONTINUED_SKU, "Desk lamp", 89.00, 0, false));

    private Catalog() {
    }

    public static List<Product> products() {
        return PRODUCTS;
    }

    /** The articles that can be bought (all but the discontinued one). */
    public static List<Product> available() {
        return PRODUCTS.stream().filter(Product::restocked).toList();
    }

    public static Product product(String sku) {
        return PRODUCTS.stream().filter(p -> p.sku().equals(sku)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no article " + sku + " in the catalog"));
    }
}
