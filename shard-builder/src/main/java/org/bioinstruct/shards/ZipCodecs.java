package org.bioinstruct.shards;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet page compression with the JDK only: UNCOMPRESSED and GZIP (RFC 1952, what Parquet's GZIP codec
 * means). parquet-hadoop's own codec factory goes through Hadoop's Configuration for every codec but
 * UNCOMPRESSED, which would drag the Hadoop tree in; this one needs nothing.
 */
public final class ZipCodecs implements CompressionCodecFactory {

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        check(codec);
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                if (codec == CompressionCodecName.UNCOMPRESSED) {
                    return bytes;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream((int) bytes.size() / 2 + 64);
                try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                    bytes.writeAllTo(gzip);
                }
                return BytesInput.from(out.toByteArray());
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        check(codec);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                if (codec == CompressionCodecName.UNCOMPRESSED) {
                    return bytes;
                }
                try (InputStream in = new GZIPInputStream(bytes.toInputStream())) {
                    return BytesInput.from(in.readNBytes(uncompressedSize));
                }
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] compressed = new byte[compressedSize];
                input.get(compressed);
                output.put(decompress(BytesInput.from(compressed), uncompressedSize).toByteArray());
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public void release() {
    }

    private static void check(CompressionCodecName codec) {
        if (codec != CompressionCodecName.UNCOMPRESSED && codec != CompressionCodecName.GZIP) {
            throw new IllegalArgumentException("only UNCOMPRESSED and GZIP are supported, not " + codec);
        }
    }
}
