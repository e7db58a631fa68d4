package org.bioinstruct.shards;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** Reads a Parquet shard back into its rows, each as the list of the six column values. */
final class ParquetRows {
    private static final List<String> COLUMNS = List.of("id", "instruction", "input", "output", "category", "source");

    private ParquetRows() {
    }

    static List<String> line(InstructionExample e) {
        return List.of(e.id(), e.instruction(), e.input(), e.output(), e.category(), e.source());
    }

    static List<List<String>> read(byte[] bytes) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new ZipCodecs()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new BytesInputFile(bytes), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    Group row = records.read();
                    List<String> values = new ArrayList<>();
                    for (String column : COLUMNS) {
                        values.add(row.getString(column, 0));
                    }
                    rows.add(values);
                }
            }
        }
        return rows;
    }

    private record BytesInputFile(byte[] bytes) implements InputFile {
        @Override
        public long getLength() {
            return bytes.length;
        }

        @Override
        public SeekableInputStream newStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            return new DelegatingSeekableInputStream(in) {
                @Override
                public long getPos() {
                    return bytes.length - in.available();
                }

                @Override
                public void seek(long newPos) {
                    in.reset();
                    in.skip(newPos);
                }
            };
        }
    }
}
