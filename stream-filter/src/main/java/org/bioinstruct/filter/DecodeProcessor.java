package org.bioinstruct.filter;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.registry.RegistryException;
import org.bioinstruct.schemas.registry.UnknownSchemaIdException;
import org.bioinstruct.schemas.topics.DlqHeaders;

/**
 * Decodes raw bytes into a RawInstruction. A record that cannot be decoded (bad magic byte, unknown
 * schema id, truncated Avro, no value) is passed on as a failure carrying the DLQ headers, so one bad
 * record never stops the stage. A registry that cannot be reached is not the record's fault: that error
 * propagates and the record is retried rather than dead-lettered.
 */
final class DecodeProcessor implements FixedKeyProcessor<byte[], byte[], Decoded> {
    static final String STAGE = "stream-filter";

    private final Deserializer<RawInstruction> deserializer;
    private FixedKeyProcessorContext<byte[], Decoded> context;

    DecodeProcessor(Deserializer<RawInstruction> deserializer) {
        this.deserializer = deserializer;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Decoded> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        try {
            if (record.value() == null) {
                throw new SerializationException("record has no value (null or tombstone)");
            }
            RawInstruction task = deserializer.deserialize(topic, record.headers(), record.value());
            context.forward(record.withValue(Decoded.of(task)));
        } catch (RuntimeException e) {
            if (isRegistryOutage(e)) {
                throw e;
            }
            context.forward(record.withValue(Decoded.failed(record.value())).withHeaders(dlqHeaders(record, e)));
        }
    }

    private Headers dlqHeaders(FixedKeyRecord<byte[], byte[]> record, RuntimeException error) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        DlqHeaders.addError(headers, STAGE, error.getClass().getName(), String.valueOf(error.getMessage()));
        context.recordMetadata().ifPresent(m -> DlqHeaders.addSource(headers, m.topic(), m.partition(), m.offset()));
        return headers;
    }

    private static boolean isRegistryOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RegistryException && !(t instanceof UnknownSchemaIdException)) {
                return true;
            }
        }
        return false;
    }
}
