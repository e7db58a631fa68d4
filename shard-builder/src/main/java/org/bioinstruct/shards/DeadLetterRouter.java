package org.bioinstruct.shards;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Passes decoded examples on and moves dead letters to a side output, counting both. */
public final class DeadLetterRouter extends ProcessFunction<DecodedRecord, InstructionExample> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private transient Counter examples;
    private transient Counter deadLetters;

    @Override
    public void open(OpenContext openContext) {
        examples = getRuntimeContext().getMetricGroup().counter("examplesDecoded");
        deadLetters = getRuntimeContext().getMetricGroup().counter("recordsDeadLettered");
    }

    @Override
    public void processElement(DecodedRecord record, Context ctx, Collector<InstructionExample> out) {
        if (record.isDecoded()) {
            examples.inc();
            out.collect(record.example());
        } else {
            deadLetters.inc();
            ctx.output(DEAD_LETTERS, record.deadLetter());
        }
    }
}
