package org.bioinstruct.filter.neardup;

import java.util.Optional;

/**
 * Accepted texts searchable by ROUGE-L similarity. Self-Instruct's rule on top of it: reject a new task
 * when {@code nearest(text)} has similarity strictly greater than 0.7, otherwise {@code add} it. Not
 * thread-safe: one instance per stream task.
 */
public interface NearDuplicates {

    /** The most similar added text with F-measure at least the search threshold (ties: the earliest). */
    Optional<Match> nearest(String text);

    void add(String id, String text);

    int size();

    /** An estimate of the heap held: token arrays, postings, ids, vocabulary. */
    long approximateBytes();
}
