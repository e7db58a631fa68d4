package org.bioinstruct.shards;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The bytes of a shard file, per the shard file contract: JSONL (UTF-8, one object per line with exactly
 * id, instruction, input, output, category, source, in that order), optionally gzipped, or Parquet with
 * the same six string columns. The same examples always give the same bytes (gzip writes no timestamp),
 * so a replayed shard has the same checksum.
 */
public final class ShardEncoder {
    private static final ObjectWriter LINE = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .writerFor(ShardLine.class);

    private final ShardFormat format;
    private final Compression compression;

    public ShardEncoder(ShardFormat format, Compression compression) {
        this.format = format;
        this.compression = compression;
    }

    public byte[] encode(List<InstructionExample> examples) throws IOException {
        if (format == ShardFormat.PARQUET) {
            return ParquetShards.encode(examples, compression);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(examples.size() * 256);
        if (compression == Compression.GZIP) {
            try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 64 * 1024)) {
                writeJsonl(examples, gzip);
            }
        } else {
            writeJsonl(examples, bytes);
        }
        return bytes.toByteArray();
    }

    private static void writeJsonl(List<InstructionExample> examples, OutputStream out) throws IOException {
        for (InstructionExample example : examples) {
            LINE.writeValue(out, ShardLine.of(example));
            out.write('\n');
        }
    }

    @JsonPropertyOrder({"id", "instruction", "input", "output", "category", "source"})
    record ShardLine(String id, String instruction, String input, String output, String category, String source) {
        static ShardLine of(InstructionExample e) {
            return new ShardLine(e.id(), e.instruction(), e.input(), e.output(), e.category(), e.source());
        }
    }
}
