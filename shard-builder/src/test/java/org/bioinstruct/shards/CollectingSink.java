package org.bioinstruct.shards;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** A sink for MiniCluster tests: keeps everything written, by name, in this JVM. */
final class CollectingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Queue<Object>> COLLECTED = new ConcurrentHashMap<>();

    private final String name;

    CollectingSink(String name) {
        this.name = name;
        COLLECTED.put(name, new ConcurrentLinkedQueue<>());
    }

    @SuppressWarnings("unchecked")
    List<T> collected() {
        return (List<T>) List.copyOf(COLLECTED.get(name));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<Object> target = COLLECTED.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                target.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }
}
