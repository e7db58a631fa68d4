package org.bioinstruct.shards;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Shards as Parquet: one row group of six required UTF-8 string columns, the JSONL fields. Written with
 * parquet-hadoop's plain (Hadoop-free) configuration into memory and compressed by {@link ZipCodecs}, so
 * no Hadoop jar is needed at all.
 */
final class ParquetShards {
    static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message shard {
              required binary id (STRING);
              required binary instruction (STRING);
              required binary input (STRING);
              required binary output (STRING);
              required binary category (STRING);
              required binary source (STRING);
            }""");

    private ParquetShards() {
    }

    static byte[] encode(List<InstructionExample> examples, Compression compression) throws IOException {
        InMemoryOutputFile file = new InMemoryOutputFile();
        SimpleGroupFactory rows = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(file)
                .withConf(new PlainParquetConfiguration())
                .withType(SCHEMA)
                .withCodecFactory(new ZipCodecs())
                .withCompressionCodec(compression == Compression.GZIP
                        ? CompressionCodecName.GZIP : CompressionCodecName.UNCOMPRESSED)
                .build()) {
            for (InstructionExample e : examples) {
                writer.write(rows.newGroup()
                        .append("id", e.id())
                        .append("instruction", e.instruction())
                        .append("input", e.input())
                        .append("output", e.output())
                        .append("category", e.category())
                        .append("source", e.source()));
            }
        }
        return file.bytes.toByteArray();
    }

    private static final class InMemoryOutputFile implements OutputFile {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return createOrOverwrite(blockSizeHint);
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            bytes.reset();
            return new PositionOutputStream() {
                @Override
                public long getPos() {
                    return bytes.size();
                }

                @Override
                public void write(int b) {
                    bytes.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes.write(b, off, len);
                }
            };
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
