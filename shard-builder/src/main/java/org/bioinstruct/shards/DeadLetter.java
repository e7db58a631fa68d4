package org.bioinstruct.shards;

/** A source record that could not be decoded: its original bytes, where it came from and why it failed. */
public record DeadLetter(
        String topic,
        int partition,
        long offset,
        byte[] key,
        byte[] value,
        String errorClass,
        String errorMessage) {

    public String position() {
        return topic + "/" + partition + "@" + offset;
    }
}
