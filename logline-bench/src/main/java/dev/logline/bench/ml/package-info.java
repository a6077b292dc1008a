/** JMH of logline-ml on the caller's thread: one InferenceLog prediction against a plain log call with its fields. */
package dev.logline.bench.ml;
