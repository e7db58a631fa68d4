package org.bioinstruct.generator.synthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.schemas.config.InvalidConfigException;

/**
 * {@code DomainTextCommand --out FILE --tasks N --seed S}: writes the offline backend's domain text as plain
 * pre-training documents, one JSON string per line: the input and the output of each of N tasks as documents of
 * their own, never the instruction or the prompt layout. A base model pre-trained on it knows the domain's
 * language but not the instruction format, as the paper's base models do. Use a seed other than the run's.
 */
public final class DomainTextCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DomainTextCommand() {
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        int tasks = 4000;
        long seed = 1000;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String value = i + 1 < args.length ? args[++i] : null;
            switch (option) {
                case "--out" -> out = Path.of(value == null ? "" : value);
                case "--tasks" -> tasks = Integer.parseInt(number(option, value));
                case "--seed" -> seed = Long.parseLong(number(option, value));
                default -> throw new InvalidConfigException(option, null, "expected --out, --tasks or --seed");
            }
        }
        if (out == null || out.toString().isBlank()) {
            throw new InvalidConfigException("--out", null, "required: the file to write the documents to");
        }
        System.out.println("wrote " + write(out, tasks, seed) + " documents to " + out);
    }

    /** Writes the documents of {@code tasks} tasks drawn with {@code seed}; returns how many were written. */
    public static int write(Path out, int tasks, long seed) throws IOException {
        SyntheticBackend backend = new SyntheticBackend(seed);
        int written = 0;
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (BufferedWriter writer = Files.newBufferedWriter(out)) {
            for (CandidateTask task : backend.nextBatch(tasks)) {
                for (String text : new String[] {task.input(), task.output()}) {
                    if (!text.isBlank()) {
                        writer.write(JSON.writeValueAsString(text.strip()));
                        writer.newLine();
                        written++;
                    }
                }
            }
        }
        return written;
    }

    private static String number(String option, String value) {
        if (value == null || !value.strip().matches("-?\\d+")) {
            throw new InvalidConfigException(option, value, "not a whole number");
        }
        return value.strip();
    }
}
