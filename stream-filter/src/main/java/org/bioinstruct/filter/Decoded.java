package org.bioinstruct.filter;

import org.bioinstruct.schemas.avro.RawInstruction;

/** A raw record after decoding: the task, or the original value bytes that could not be decoded. */
record Decoded(RawInstruction task, byte[] undecodableValue) {

    static Decoded of(RawInstruction task) {
        return new Decoded(task, null);
    }

    static Decoded failed(byte[] originalValue) {
        return new Decoded(null, originalValue);
    }

    boolean ok() {
        return task != null;
    }
}
