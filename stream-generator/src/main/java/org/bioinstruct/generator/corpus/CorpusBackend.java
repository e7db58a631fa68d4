package org.bioinstruct.generator.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.GenerationBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one corpus file as instruction tasks (the Rohanian et al. route): records are read lazily,
 * batch by batch, and the backend is exhausted at the end of the file. Ids are content-addressed, so
 * importing the same file again produces nothing new downstream. Malformed records are counted, the
 * first few logged, and skipped.
 */
public final class CorpusBackend implements GenerationBackend {
    static final int LOGGED_ERRORS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(CorpusBackend.class);

    private final CorpusFormat format;
    private final String fileName;
    private final CorpusErrorListener listener;
    private final CorpusReader reader;
    private long records;
    private long malformed;
    private boolean exhausted;

    /** Opens {@code file} now, so a missing or unreadable file fails at start-up with its path. */
    public CorpusBackend(CorpusFormat format, Path file, CorpusOptions options) {
        this(format, file, options, CorpusErrorListener.IGNORE);
    }

    /** As above; {@code listener} is told about every skipped record as well. */
    public CorpusBackend(CorpusFormat format, Path file, CorpusOptions options, CorpusErrorListener listener) {
        this.format = format;
        this.fileName = file.getFileName().toString();
        this.listener = listener;
        this.reader = CorpusReader.open(format, file, options, this::onError);
    }

    @Override
    public String source() {
        return "corpus:" + format.id() + ":" + fileName;
    }

    @Override
    public String promptVersion() {
        return format.id() + "-templates-v1";
    }

    @Override
    public boolean contentAddressed() {
        return true;
    }

    @Override
    public List<CandidateTask> nextBatch(int size) {
        List<CandidateTask> batch = new ArrayList<>(Math.max(0, Math.min(size, 1024)));
        while (!exhausted && batch.size() < size) {
            Optional<CandidateTask> task = reader.next();
            if (task.isEmpty()) {
                exhausted = true;
                LOG.info("{}: end of file after {} records, {} malformed skipped", source(), records, malformed);
            } else {
                records++;
                batch.add(task.get());
            }
        }
        return batch;
    }

    /** {@code records} imported and {@code malformed} records skipped so far. */
    @Override
    public Map<String, Number> counters() {
        Map<String, Number> counters = new LinkedHashMap<>();
        counters.put("records", records);
        counters.put("malformed", malformed);
        return counters;
    }

    @Override
    public void close() {
        exhausted = true;
        reader.close();
    }

    private void onError(CorpusError error) {
        malformed++;
        if (malformed <= LOGGED_ERRORS) {
            LOG.warn("skipping malformed record {}", error);
        } else if (malformed == LOGGED_ERRORS + 1) {
            LOG.warn("{}: further malformed records are counted but not logged", source());
        }
        listener.onError(error);
    }
}
