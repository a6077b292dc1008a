/** The Loki push collector: {@code POST /loki/api/v1/push} in JSON and snappy-compressed protobuf. */
package dev.logline.server.collect.loki;
