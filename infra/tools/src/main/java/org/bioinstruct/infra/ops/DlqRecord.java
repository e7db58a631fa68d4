package org.bioinstruct.infra.ops;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bioinstruct.schemas.topics.DlqHeaders;

/** A dead-lettered record and what its error headers say about it. */
public record DlqRecord(ConsumerRecord<byte[], byte[]> record) {

    public Optional<String> header(String name) {
        return DlqHeaders.value(record.headers(), name);
    }

    public Optional<String> sourceTopic() {
        return header(DlqHeaders.SOURCE_TOPIC);
    }

    /** One line per record: where it sits, where it came from, which stage failed and why. */
    public String describe() {
        return String.format("%s-%d@%d key=%s bytes=%d%n  source   %s-%s@%s%n  stage    %s%n  error    %s: %s",
                record.topic(), record.partition(), record.offset(), text(record.key()),
                record.value() == null ? 0 : record.value().length,
                header(DlqHeaders.SOURCE_TOPIC).orElse("?"), header(DlqHeaders.SOURCE_PARTITION).orElse("?"),
                header(DlqHeaders.SOURCE_OFFSET).orElse("?"), header(DlqHeaders.STAGE).orElse("?"),
                header(DlqHeaders.ERROR_CLASS).orElse("?"), header(DlqHeaders.ERROR_MESSAGE).orElse("?"))
                + header(DlqReplay.REPLAYED_FROM).map(r -> String.format("%n  replayed %s", r)).orElse("");
    }

    private static String text(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
