package org.bioinstruct.shards;

import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.split.CategorizedExample;

/**
 * One accepted training example as it travels through the job. A plain record (a Flink POJO), so no
 * Avro class is ever serialized by Flink; partition and offset say where it was read.
 */
public record InstructionExample(
        String id,
        String instruction,
        String input,
        String output,
        String category,
        String source,
        int partition,
        long offset) implements CategorizedExample {

    public static InstructionExample from(AcceptedInstruction accepted, int partition, long offset) {
        return new InstructionExample(
                accepted.getId(),
                accepted.getInstruction(),
                accepted.getInput(),
                accepted.getOutput(),
                accepted.getCategory().name(),
                accepted.getSource(),
                partition,
                offset);
    }
}
