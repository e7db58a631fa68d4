package org.bioinstruct.infra.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The row count of a Parquet file, read from its footer (Thrift compact protocol, {@code FileMetaData} field 3,
 * {@code num_rows}) so the audit needs no Parquet or Hadoop library.
 */
final class ParquetFooter {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final int NUM_ROWS_FIELD = 3;

    private final ByteBuffer in;

    private ParquetFooter(ByteBuffer in) {
        this.in = in;
    }

    static long rowCount(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length < 12) {
                throw new IOException(file + " is too short to be a Parquet file");
            }
            byte[] tail = new byte[8];
            raf.seek(length - 8);
            raf.readFully(tail);
            if (!java.util.Arrays.equals(tail, 4, 8, MAGIC, 0, 4)) {
                throw new IOException(file + " does not end with the Parquet magic PAR1");
            }
            int footerLength = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (footerLength <= 0 || footerLength > length - 12) {
                throw new IOException(file + " has an invalid Parquet footer length " + footerLength);
            }
            byte[] footer = new byte[footerLength];
            raf.seek(length - 8 - footerLength);
            raf.readFully(footer);
            return new ParquetFooter(ByteBuffer.wrap(footer)).numRows();
        }
    }

    private long numRows() throws IOException {
        int fieldId = 0;
        while (true) {
            int header = in.get() & 0xff;
            if (header == 0) {
                throw new IOException("Parquet footer has no num_rows");
            }
            int type = header & 0x0f;
            int delta = header >>> 4;
            fieldId = delta == 0 ? (int) zigzag(varint()) : fieldId + delta;
            if (fieldId == NUM_ROWS_FIELD && type == 6) {
                return zigzag(varint());
            }
            skip(type);
        }
    }

    private void skip(int type) throws IOException {
        switch (type) {
            case 1, 2 -> { }
            case 3 -> in.get();
            case 4, 5, 6 -> varint();
            case 7 -> skipBytes(8);
            case 8 -> skipBytes((int) varint());
            case 9, 10 -> skipList();
            case 11 -> skipMap();
            case 12 -> skipStruct();
            default -> throw new IOException("unknown Thrift compact type " + type + " in Parquet footer");
        }
    }

    /** The length is read before the position, so a varint length's own bytes are not counted twice. */
    private void skipBytes(int length) {
        in.position(in.position() + length);
    }

    private void skipList() throws IOException {
        int header = in.get() & 0xff;
        long size = header >>> 4 == 15 ? varint() : header >>> 4;
        int elementType = header & 0x0f;
        for (long i = 0; i < size; i++) {
            if (elementType == 1 || elementType == 2) {
                in.get();
            } else {
                skip(elementType);
            }
        }
    }

    private void skipMap() throws IOException {
        long size = varint();
        if (size == 0) {
            return;
        }
        int types = in.get() & 0xff;
        for (long i = 0; i < size; i++) {
            skip(types >>> 4);
            skip(types & 0x0f);
        }
    }

    private void skipStruct() throws IOException {
        while (true) {
            int header = in.get() & 0xff;
            if (header == 0) {
                return;
            }
            if (header >>> 4 == 0) {
                varint();
            }
            int type = header & 0x0f;
            if (type == 1 || type == 2) {
                continue;
            }
            skip(type);
        }
    }

    private long varint() {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.get() & 0xff;
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    private static long zigzag(long n) {
        return (n >>> 1) ^ -(n & 1);
    }
}
