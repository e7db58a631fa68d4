package org.bioinstruct.infra.process;

/**
 * A Maven module of the project as the harness runs it: its folder under the project root and its artifactId,
 * which names its jar in {@code <folder>/target}.
 */
public record BuiltModule(String folder, String artifactId) {
    /** The Schema Registry server, started as its own JVM by the local stack. */
    public static final BuiltModule REGISTRY = new BuiltModule("infra/registry", "registry-server");
    /** The harness itself: the broker and Kafka's own tools run from its classpath. */
    public static final BuiltModule HARNESS = new BuiltModule("infra/harness", "harness");

    /** A module whose artifactId is its folder's name, as every stage's is. */
    public static BuiltModule at(String folder) {
        return new BuiltModule(folder, folder.substring(folder.lastIndexOf('/') + 1));
    }
}
