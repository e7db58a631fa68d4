package org.bioinstruct.model;

/** The PyTorch engine settings a stage applies before the engine loads, unless the JVM was told otherwise. */
public final class TorchDefaults {
    private TorchDefaults() {
    }

    /**
     * One intra-op and one inter-op torch thread (the embedded stack shares few cores between many processes) and
     * no DJL download attempts; a {@code -D} system property of the same name wins.
     */
    public static void apply() {
        for (String key : new String[] {"ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads"}) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, "1");
            }
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
