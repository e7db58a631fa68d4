package org.bioinstruct.model.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A read-only file mapped in fixed windows, each under 2 GB (a {@link MappedByteBuffer} is int-indexed), so
 * checkpoints of any size are read without copying whole files into the heap. Windows are mapped on first use.
 */
final class MappedWindows {
    private final FileChannel channel;
    private final long windowBytes;
    private final long size;
    private final MappedByteBuffer[] windows;

    MappedWindows(FileChannel channel, long windowBytes) throws IOException {
        if (windowBytes <= 0 || windowBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("window must be between 1 byte and 2 GB, got " + windowBytes);
        }
        this.channel = channel;
        this.windowBytes = windowBytes;
        this.size = channel.size();
        this.windows = new MappedByteBuffer[(int) ((size + windowBytes - 1) / windowBytes)];
    }

    long size() {
        return size;
    }

    /**
     * {@code length} bytes from {@code position}, little-endian: a view into one window, or a copy assembled from
     * the windows it crosses.
     */
    ByteBuffer bytes(long position, int length) throws IOException {
        if (position < 0 || length < 0 || position + length > size) {
            throw new IOException("range [" + position + ", " + (position + length) + ") outside the file (" + size + " bytes)");
        }
        int first = (int) (position / windowBytes);
        int last = length == 0 ? first : (int) ((position + length - 1) / windowBytes);
        if (first == last) {
            int offset = (int) (position - first * windowBytes);
            return window(first).slice(offset, length).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer copy = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        long at = position;
        for (int w = first; w <= last; w++) {
            long windowStart = w * windowBytes;
            int offset = (int) (at - windowStart);
            int take = (int) Math.min(window(w).capacity() - offset, position + length - at);
            copy.put(window(w).slice(offset, take));
            at += take;
        }
        return copy.flip();
    }

    private MappedByteBuffer window(int index) throws IOException {
        if (windows[index] == null) {
            long start = index * windowBytes;
            windows[index] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(windowBytes, size - start));
        }
        return windows[index];
    }
}
