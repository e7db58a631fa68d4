package org.bioinstruct.shards;

import org.bioinstruct.schemas.avro.AcceptedInstruction;

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
        long offset) {

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
