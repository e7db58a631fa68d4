package org.bioinstruct.trainer.adapters;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The newest adapter version on disk cannot be loaded, so the trainer refuses to resume: falling back to the
 * version before would train that version's shard a second time (its checkpoint may be published already) or,
 * if its manifest offset is committed, never train it at all. The operator decides; the message says how.
 */
public final class CorruptAdapterVersionException extends IOException {
    private final Path dir;

    public CorruptAdapterVersionException(Path dir, Throwable cause) {
        super("adapter version " + dir + " is corrupt (" + cause + "); the trainer will not resume from"
                + " it, so that no shard is lost or trained twice. Restore the directory from a copy, or move it out"
                + " of " + dir.getParent() + " and rewind the trainer's consumer group to the manifest of the shard"
                + " it was trained from, to train that shard again (see docs/RELIABILITY.md)", cause);
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }
}
