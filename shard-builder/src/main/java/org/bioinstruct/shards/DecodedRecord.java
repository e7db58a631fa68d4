package org.bioinstruct.shards;

/** What the source emits for each Kafka record: exactly one of a decoded example or a dead letter. */
public record DecodedRecord(InstructionExample example, DeadLetter deadLetter) {

    public static DecodedRecord of(InstructionExample example) {
        return new DecodedRecord(example, null);
    }

    public static DecodedRecord undecodable(DeadLetter deadLetter) {
        return new DecodedRecord(null, deadLetter);
    }

    public boolean isDecoded() {
        return example != null;
    }
}
