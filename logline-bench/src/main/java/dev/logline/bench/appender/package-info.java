/**
 * JMH of what one logging call costs the application thread when it goes through an asynchronous shipper:
 * LoglineAppender against logstash-logback-encoder's LogstashTcpSocketAppender and Log4j2's AsyncLogger.
 */
package dev.logline.bench.appender;
