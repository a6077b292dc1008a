package dev.logline.demo.inventory;

/** One article the shop sells; {@code restocked} false for one that is sold out for good. */
public record Product(String sku, String name, double price, int initialStock, boolean restocked) {
}
