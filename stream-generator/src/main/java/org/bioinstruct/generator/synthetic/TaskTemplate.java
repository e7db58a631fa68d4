package org.bioinstruct.generator.synthetic;

import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.schemas.avro.Category;

/** One kind of task: fills its slots from the lexicon with the given random source. */
public interface TaskTemplate {

    Category category();

    CandidateTask generate(Pick pick);

    static TaskTemplate of(Category category, java.util.function.Function<Pick, CandidateTask> body) {
        return new TaskTemplate() {
            @Override
            public Category category() {
                return category;
            }

            @Override
            public CandidateTask generate(Pick pick) {
                return body.apply(pick);
            }
        };
    }
}
