package org.bioinstruct.schemas.split;

/** What the split rule looks at in an accepted example: its instruction id and its category name. */
public interface CategorizedExample {
    String id();

    String category();
}
