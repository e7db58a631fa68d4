package org.bioinstruct.trainer.adapters;

import java.nio.file.Path;

/** A complete adapter version directory ({@code v000001/}) and its lineage. */
public record AdapterVersion(Path dir, Lineage lineage) {
    public int version() {
        return lineage.version();
    }
}
