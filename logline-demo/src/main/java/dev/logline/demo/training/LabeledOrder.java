package dev.logline.demo.training;

import dev.logline.demo.model.OrderFeatures;

/** One historical order and whether it turned out to be fraud. */
record LabeledOrder(OrderFeatures features, boolean fraud) {
}
