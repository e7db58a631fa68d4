package org.bioinstruct.infra.chaos;

/**
 * One fault of a chaos run: at {@code atMillis} after the pipeline started, kill -9 a stage (or stop the
 * broker), wait {@code pauseMillis}, start it again.
 *
 * @param target a stage's CLI name, or {@link #BROKER}
 */
public record ChaosEvent(long atMillis, String target, long pauseMillis) {
    public static final String BROKER = "broker";

    public boolean isBrokerRestart() {
        return target.equals(BROKER);
    }
}
