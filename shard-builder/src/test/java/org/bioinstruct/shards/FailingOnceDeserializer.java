package org.bioinstruct.shards;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The real deserializer, except that the {@code failAt}-th record (counted across every subtask and
 * attempt in this JVM) fails the task once: a crash mid-stream that the job must recover from.
 */
final class FailingOnceDeserializer implements KafkaRecordDeserializationSchema<DecodedRecord> {
    private static final long serialVersionUID = 1L;
    static final AtomicLong SEEN = new AtomicLong();
    static final AtomicBoolean FAILED = new AtomicBoolean();

    private final AcceptedRecordDeserializer delegate;
    private final long failAt;

    FailingOnceDeserializer(Map<String, String> serdeConfig, long failAt) {
        this.delegate = new AcceptedRecordDeserializer(serdeConfig);
        this.failAt = failAt;
    }

    static void reset() {
        SEEN.set(0);
        FAILED.set(false);
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        delegate.open(context);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<DecodedRecord> out) throws IOException {
        if (SEEN.incrementAndGet() >= failAt && FAILED.compareAndSet(false, true)) {
            throw new IOException("injected failure at record " + failAt + " (" + record.topic() + "/"
                    + record.partition() + "@" + record.offset() + ")");
        }
        delegate.deserialize(record, out);
    }

    @Override
    public TypeInformation<DecodedRecord> getProducedType() {
        return delegate.getProducedType();
    }
}
