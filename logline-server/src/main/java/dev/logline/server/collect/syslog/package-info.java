/** The syslog collector: RFC 5424 and RFC 3164 over TCP and UDP on a port of its own. */
package dev.logline.server.collect.syslog;
