package org.bioinstruct.filter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;

/**
 * {@code bioinstruct filter --input in.jsonl --accepted out.jsonl --rejected rejected.jsonl}: the filter
 * over a file, no broker needed. Settings as for the streaming filter ({@code filter.neardup.*},
 * {@code filter.rules.*}) plus {@code batch.input}, {@code batch.accepted}, {@code batch.rejected}.
 */
public final class BatchFilterMain {
    private static final long PROGRESS_EVERY = 100_000;
    private BatchFilterMain() {
    }

    public static void main(String[] args) throws Exception {
        BatchFilter filter;
        Path input;
        Path accepted;
        Path rejected;
        try {
            Settings settings = Settings.fromArgs(args);
            input = Path.of(settings.string("batch.input"));
            accepted = Path.of(settings.string("batch.accepted"));
            rejected = Path.of(settings.string("batch.rejected"));
            if (!Files.isReadable(input)) {
                throw new InvalidConfigException("batch.input", input, "not a readable file");
            }
            filter = new BatchFilter(FilterRules.from(settings), NearDuplicateSettings.from(settings), Clock.systemUTC());
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        BatchFilter.Summary summary = filter.run(input, accepted, rejected, PROGRESS_EVERY, (lines, kept, rate) ->
                System.out.printf(Locale.ROOT, "%d lines, %d accepted, %.0f lines/s over the last %d%n", lines, kept,
                        rate, PROGRESS_EVERY));
        System.out.printf(Locale.ROOT, "filtered %d lines in %.2f s (%.0f lines/s): %d accepted, %d rejected %s%n",
                summary.lines(), summary.seconds(), summary.linesPerSecond(), summary.accepted(), summary.rejected(),
                summary.rejectedByReason());
        System.out.printf(Locale.ROOT, "near-duplicate index: %d bytes, %.0f bytes per accepted task%n",
                filter.nearDuplicateIndexBytes(), filter.nearDuplicateIndexBytes() / (double) Math.max(1, summary.accepted()));
    }
}
