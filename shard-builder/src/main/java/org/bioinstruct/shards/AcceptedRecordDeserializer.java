package org.bioinstruct.shards;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.serde.AvroDeserializer;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes accepted-topic records into {@link InstructionExample}s. A record that does not decode is not
 * fatal: it becomes a {@link DeadLetter} carrying its original bytes, position and error, for the DLQ.
 */
public final class AcceptedRecordDeserializer implements KafkaRecordDeserializationSchema<DecodedRecord> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AcceptedRecordDeserializer.class);

    /** A serializable copy of the serde config ({@link SerdeConfig#of}). */
    private final HashMap<String, String> serdeConfig;
    private transient AvroDeserializer<AcceptedInstruction> values;

    public AcceptedRecordDeserializer(Map<String, String> serdeConfig) {
        this.serdeConfig = new HashMap<>(serdeConfig);
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        values = new AvroDeserializer<>(AcceptedInstruction.class,
                SerdeConfig.registry(serdeConfig));
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<DecodedRecord> out) {
        if (values == null) {
            open(null);
        }
        try {
            AcceptedInstruction accepted = values.deserialize(record.topic(), record.value());
            if (accepted == null) {
                throw new SerializationException("record has no value");
            }
            out.collect(DecodedRecord.of(InstructionExample.from(accepted, record.partition(), record.offset())));
        } catch (RuntimeException e) {
            DeadLetter letter = new DeadLetter(record.topic(), record.partition(), record.offset(),
                    record.key(), record.value(), e.getClass().getName(), String.valueOf(e.getMessage()));
            LOG.warn("undecodable record at {} sent to the DLQ: {}", letter.position(), letter.errorMessage());
            out.collect(DecodedRecord.undecodable(letter));
        }
    }

    @Override
    public TypeInformation<DecodedRecord> getProducedType() {
        return TypeInformation.of(DecodedRecord.class);
    }
}
