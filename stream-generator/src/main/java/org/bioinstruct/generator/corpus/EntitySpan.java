package org.bioinstruct.generator.corpus;

/** An entity over tokens {@code [start, end)} of a sentence; an empty type means the tags named none. */
record EntitySpan(String type, int start, int end) {

    EntitySpan withType(String newType) {
        return new EntitySpan(newType, start, end);
    }
}
