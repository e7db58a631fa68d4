package org.bioinstruct.infra.audit;

/** The contracts of DESIGN.md the audit checks, one value per way of breaking one. */
public enum MismatchKind {
    /** generated != accepted + rejected + dead-lettered (from the raw topic). */
    GENERATED_COUNT,
    /** A raw id with fewer outcomes (accepted, rejected, dead-lettered) than times it was generated. */
    LOST,
    /** A raw id with more outcomes than times it was generated. */
    DUPLICATED_OUTCOME,
    /** An outcome whose id was never generated. */
    UNKNOWN_ID,
    /**
     * accepted != train + eval + TRAIN outside the selected categories + dead-lettered (from the accepted topic).
     */
    ACCEPTED_COUNT,
    /** An accepted id in no shard (EVAL, or TRAIN of a selected category; not dead-lettered). */
    ACCEPTED_IN_NO_SHARD,
    /** A shard holding an accepted TRAIN example of a category outside {@code shards.categories}. */
    SHARDED_OUTSIDE_SELECTION,
    /** An instruction id in two shards, or twice in one. */
    ID_IN_TWO_SHARDS,
    /** A shard holding an id that was never accepted. */
    SHARD_ID_NOT_ACCEPTED,
    /** One shard id published in more than one manifest. */
    DUPLICATE_MANIFEST,
    /** A manifest whose file does not exist or cannot be read. */
    SHARD_FILE_MISSING,
    /** A shard file whose sha256 or size differs from its manifest. */
    CHECKSUM_MISMATCH,
    /** A shard file or manifest whose record count differs from the manifest's count or id list. */
    RECORD_COUNT_MISMATCH,
    /** A TRAIN shard trained into no version of the newest lineage. */
    NOT_TRAINED,
    /** A shard introduced by more than one version of the newest lineage. */
    TRAINED_TWICE,
    /** The newest lineage trained a shard that is no known TRAIN shard (an EVAL shard, or none). */
    TRAINED_UNKNOWN_SHARD,
    /** A version whose shard list is not its parent's plus its new shards, or a broken parent chain. */
    LINEAGE_INCONSISTENT,
    /** One adapter version published twice. */
    DUPLICATE_VERSION
}
