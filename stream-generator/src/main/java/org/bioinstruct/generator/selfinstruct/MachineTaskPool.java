package org.bioinstruct.generator.selfinstruct;

import java.util.List;
import java.util.Random;

/** Earlier machine-generated tasks that may be shown next to the seeds (Self-Instruct shows 6 seeds + 2 of these). */
public interface MachineTaskPool {

    /** Up to {@code n} distinct tasks drawn uniformly with {@code random}; fewer when the pool holds fewer. */
    List<SeedTask> sample(int n, Random random);
}
