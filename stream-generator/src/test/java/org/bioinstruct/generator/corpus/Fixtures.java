package org.bioinstruct.generator.corpus;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bioinstruct.generator.CandidateTask;

/** The corpus fixtures under {@code src/test/resources/corpus} and a way to read one whole. */
final class Fixtures {

    /** Everything one read of a file produced. */
    record Import(List<CandidateTask> tasks, List<CorpusError> errors) {

        List<String> outputs() {
            return tasks.stream().map(CandidateTask::output).toList();
        }

        List<String> origins() {
            return tasks.stream().map(CandidateTask::origin).toList();
        }

        List<Integer> errorLines() {
            return errors.stream().map(CorpusError::line).toList();
        }

        CandidateTask at(String origin) {
            return tasks.stream().filter(t -> t.origin().equals(origin)).findFirst()
                    .orElseThrow(() -> new AssertionError("no task from " + origin + " in " + origins()));
        }
    }

    private Fixtures() {
    }

    static Path path(String name) {
        URL url = Fixtures.class.getResource("/corpus/" + name);
        if (url == null) {
            throw new AssertionError("missing fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static Import read(CorpusFormat format, String name, CorpusOptions options) {
        return read(format, path(name), options);
    }

    static Import read(CorpusFormat format, Path file, CorpusOptions options) {
        List<CandidateTask> tasks = new ArrayList<>();
        List<CorpusError> errors = new ArrayList<>();
        try (CorpusReader reader = CorpusReader.open(format, file, options, errors::add)) {
            Optional<CandidateTask> task;
            while ((task = reader.next()).isPresent()) {
                tasks.add(task.get());
            }
        }
        return new Import(tasks, errors);
    }

    /** The templates with their slots filled as the readers fill them. */
    static List<String> filled(Paraphrases paraphrases, String slot, String value) {
        return paraphrases.templates().stream().map(t -> t.replace(slot, value)).toList();
    }
}
