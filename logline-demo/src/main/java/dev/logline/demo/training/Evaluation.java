package dev.logline.demo.training;

import dev.logline.demo.model.FraudModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's quality on held-out orders at the 0.5 threshold: log loss, accuracy, precision, recall and F1
 * (precision and F1 are 0 while the model flags nothing).
 */
record Evaluation(double logLoss, double accuracy, double precision, double recall, double f1) {

    static Evaluation of(FraudModel model, List<LabeledOrder> orders) {
        double loss = 0;
        int tp = 0, fp = 0, fn = 0, right = 0;
        for (LabeledOrder o : orders) {
            double p = model.score(o.features());
            double y = o.fraud() ? 1 : 0;
            loss += logLoss(p, y);
            boolean flagged = p >= 0.5;
            if (flagged == o.fraud()) {
                right++;
            }
            if (flagged && o.fraud()) {
                tp++;
            } else if (flagged) {
                fp++;
            } else if (o.fraud()) {
                fn++;
            }
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Evaluation(loss / orders.size(), (double) right / orders.size(), precision, recall, f1);
    }

    static double logLoss(double p, double y) {
        double q = Math.min(1 - 1e-12, Math.max(1e-12, p));
        return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
    }

    Map<String, Double> toMetrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("val_loss", logLoss);
        m.put("accuracy", accuracy);
        m.put("precision", precision);
        m.put("recall", recall);
        m.put("f1", f1);
        return m;
    }
}
