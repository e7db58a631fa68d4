package org.bioinstruct.evaluator.suite;

import java.util.List;

/** A named set of evaluation items: the held-out shards or one external benchmark file. */
public record Suite(String name, List<EvalItem> items, List<String> shardIds) {
    public static final String HELD_OUT = "heldout";

    public Suite {
        items = List.copyOf(items);
        shardIds = List.copyOf(shardIds);
    }

    public static Suite of(String name, List<EvalItem> items) {
        return new Suite(name, items, List.of());
    }
}
