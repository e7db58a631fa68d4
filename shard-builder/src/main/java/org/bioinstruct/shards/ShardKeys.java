package org.bioinstruct.shards;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.java.functions.KeySelector;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.split.SplitAssigner;

/**
 * The shard sequence an example belongs to, which is also the Flink key of the batching operator:
 * {@code TRAIN} / {@code EVAL} when categories are mixed, {@code TRAIN/QA} and so on per category. Keys are
 * strings (enum hash codes differ between JVMs and must not pick key groups). A key's shards are named
 * {@code train-000001} or {@code train-qa-000001}; {@link #parse} reads such a name back.
 */
public final class ShardKeys implements KeySelector<InstructionExample, String> {
    private static final long serialVersionUID = 1L;
    private static final Pattern SHARD_FILE = Pattern.compile("([a-z]+(?:-[a-z]+)?)-(\\d{6,})\\.[a-z.]+");
    private static final Pattern TEMP_FILE = Pattern.compile("\\.(.+)\\.inprogress\\..+");

    private final SplitAssigner splits;
    private final Batching batching;

    public ShardKeys(SplitAssigner splits, Batching batching) {
        this.splits = splits;
        this.batching = batching;
    }

    @Override
    public String getKey(InstructionExample example) {
        Split split = splits.splitOf(example);
        return batching == Batching.MIXED ? split.name() : split.name() + "/" + example.category();
    }

    /**
     * Every key the job can produce: both splits, times the categories when batching per category (the
     * selected ones for training, all for evaluation).
     */
    public static List<String> all(Batching batching, List<String> categories) {
        List<String> keys = new ArrayList<>();
        for (Split split : List.of(Split.TRAIN, Split.EVAL)) {
            if (batching == Batching.MIXED) {
                keys.add(split.name());
            } else {
                // evaluation shards hold every category whatever the training selection (CategorySelection)
                List<String> held = split == Split.EVAL ? ShardBuilderSettings.ALL_CATEGORIES : categories;
                held.forEach(category -> keys.add(split.name() + "/" + category));
            }
        }
        return keys;
    }

    public static Split splitOf(String key) {
        int slash = key.indexOf('/');
        return Split.valueOf(slash < 0 ? key : key.substring(0, slash));
    }

    /** {@code train-000003} or {@code train-qa-000003}: lowercase key and a six-digit sequence. */
    public static String shardId(String key, long sequence) {
        return String.format(Locale.ROOT, "%s-%06d", namePrefix(key), sequence);
    }

    static String namePrefix(String key) {
        return key.toLowerCase(Locale.ROOT).replace('/', '-');
    }

    /**
     * What a file in the shard store is: a shard of some key with its sequence, or the in-progress file of
     * an atomic write ({@code .<name>.inprogress.<uuid>}) of such a shard; empty for anything else.
     */
    public static Optional<StoredFile> parse(String fileName) {
        Matcher temp = TEMP_FILE.matcher(fileName);
        boolean inProgress = temp.matches();
        Matcher shard = SHARD_FILE.matcher(inProgress ? temp.group(1) : fileName);
        if (!shard.matches()) {
            return Optional.empty();
        }
        return Optional.of(new StoredFile(fileName, shard.group(1), Long.parseLong(shard.group(2)), inProgress));
    }

    /** A file of the shard store: its name, the name prefix of its key, its sequence, and whether in progress. */
    public record StoredFile(String fileName, String keyPrefix, long sequence, boolean inProgress) {
        public boolean belongsTo(String key) {
            return keyPrefix.equals(namePrefix(key));
        }
    }
}
