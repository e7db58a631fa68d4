package org.bioinstruct.schemas.stage;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bioinstruct.schemas.topics.DlqHeaders;

/**
 * The records handling one input produced, sent in the transaction that commits the input's offset. Collected
 * first, so handling (e.g. training a shard) can take longer than a transaction may stay open.
 */
public final class Outputs {
    private static final Serializer<String> KEYS = new StringSerializer();

    private final String stage;
    private final String dlqTopic;
    private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();

    Outputs(String stage, String dlqTopic) {
        this.stage = stage;
        this.dlqTopic = dlqTopic;
    }

    /** A record with a string key and a value in {@code serializer}'s encoding. */
    public <V> void send(String topic, String key, Serializer<V> serializer, V value) {
        records.add(new ProducerRecord<>(topic, KEYS.serialize(topic, key), serializer.serialize(topic, value)));
    }

    /**
     * {@code input}'s key and value, unchanged, to the DLQ, with headers naming the stage, the error and where the
     * record came from.
     */
    public void deadLetter(ConsumerRecord<byte[], byte[]> input, Exception error, String message) {
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(dlqTopic, input.key(), input.value());
        DlqHeaders.addError(dead.headers(), stage, error.getClass().getName(), message);
        DlqHeaders.addSource(dead.headers(), input.topic(), input.partition(), input.offset());
        records.add(dead);
    }

    public int size() {
        return records.size();
    }

    /** The collected records, in order; the collection is then empty. */
    List<ProducerRecord<byte[], byte[]>> drain() {
        List<ProducerRecord<byte[], byte[]>> out = List.copyOf(records);
        records.clear();
        return out;
    }
}
