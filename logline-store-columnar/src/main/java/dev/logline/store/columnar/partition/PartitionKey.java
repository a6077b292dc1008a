package dev.logline.store.columnar.partition;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** Names one day partition: a tenant and a UTC day. */
public record PartitionKey(String tenant, LocalDate day) {

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    public static PartitionKey of(String tenant, long tsMicros) {
        return new PartitionKey(tenant, dayOf(tsMicros));
    }

    public static LocalDate dayOf(long tsMicros) {
        return LocalDate.ofEpochDay(Math.floorDiv(tsMicros, MICROS_PER_DAY));
    }

    /** Micros of the first instant of the day. */
    public long startMicros() {
        return day.toEpochDay() * MICROS_PER_DAY;
    }

    /** Micros of the first instant of the next day. */
    public long endMicros() {
        return startMicros() + MICROS_PER_DAY;
    }

    public static long startOfDayMicros(LocalDate day) {
        return day.atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    }
}
