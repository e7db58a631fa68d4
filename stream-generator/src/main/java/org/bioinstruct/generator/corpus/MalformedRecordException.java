package org.bioinstruct.generator.corpus;

/** Thrown while converting one record; the reader reports it as a {@link CorpusError} and goes on. */
final class MalformedRecordException extends RuntimeException {

    MalformedRecordException(String reason) {
        super(reason, null, false, false);
    }
}
