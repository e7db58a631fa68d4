package org.bioinstruct.schemas.config;

import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Function;

/**
 * The command line every stage's {@code main} takes, {@code --config FILE} and {@code key=value} overrides
 * (see {@link Settings#fromArgs}), turned into that stage's settings.
 */
public final class StageArgs {
    /** The exit code of a stage started with invalid configuration. */
    public static final int INVALID_CONFIG_EXIT = 2;

    private StageArgs() {
    }

    /**
     * The stage's settings, or empty after printing to {@code err} why the configuration is invalid (the stage then
     * exits with {@value #INVALID_CONFIG_EXIT}).
     */
    public static <T> Optional<T> parse(String[] args, Function<Settings, T> settings, PrintStream err) {
        try {
            return Optional.of(settings.apply(Settings.fromArgs(args)));
        } catch (InvalidConfigException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
    }

    public static <T> Optional<T> parse(String[] args, Function<Settings, T> settings) {
        return parse(args, settings, System.err);
    }
}
