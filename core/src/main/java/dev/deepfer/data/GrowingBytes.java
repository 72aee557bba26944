package dev.deepfer.data;

import java.util.Arrays;

/** An append-only byte array that doubles its capacity, for readers that do not know the row count. */
final class GrowingBytes {
    private byte[] data;
    private int size;

    GrowingBytes(int initialCapacity) {
        data = new byte[Math.max(16, initialCapacity)];
    }

    void add(byte value) {
        ensure(1);
        data[size++] = value;
    }

    void add(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, data, size, length);
        size += length;
    }

    int size() {
        return size;
    }

    /** The bytes written so far; the backing array itself when it is exactly full. */
    byte[] toArray() {
        return size == data.length ? data : Arrays.copyOf(data, size);
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed > data.length) {
            long grown = Math.max(needed, data.length * 2L);
            if (grown > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("more than 2 GB of image data");
            }
            data = Arrays.copyOf(data, (int) grown);
        }
    }
}
