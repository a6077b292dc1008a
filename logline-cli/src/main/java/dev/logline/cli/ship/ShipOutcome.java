package dev.logline.cli.ship;

/**
 * How a {@link FileShipper} run ended and what it shipped.
 *
 * @param ending  why it stopped
 * @param totals  what it shipped
 * @param failure what went wrong for {@link Ending#GAVE_UP} and {@link Ending#REFUSED}, else {@code null}
 */
public record ShipOutcome(Ending ending, ShipTotals totals, DeliveryFailure failure) {

    /** Why a run stopped. */
    public enum Ending {
        /** {@code --once}: everything that existed was shipped. */
        COMPLETED,
        /** Stopped on request (Ctrl-C) after the batch in flight was answered. */
        STOPPED,
        /** A batch kept failing for longer than the give-up time. */
        GAVE_UP,
        /** The server refused the batch in a way no retry fixes (bad key, wrong URL). */
        REFUSED
    }
}
