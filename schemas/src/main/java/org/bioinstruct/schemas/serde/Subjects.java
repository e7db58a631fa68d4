package org.bioinstruct.schemas.serde;

/** Confluent's TopicNameStrategy. */
public final class Subjects {
    private Subjects() {
    }

    public static String of(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
