package org.bioinstruct.filter.neardup;

/** The indexed text most similar to a query: its id and its ROUGE-L F-measure against the query. */
public record Match(String id, double similarity) {
}
