package org.bioinstruct.infra.registry;

/** A version as named in a URL: a number from 1, or {@code latest} (also {@code -1}). */
public record VersionRef(int number) {
    private static final int LATEST = -1;

    public static VersionRef latest() {
        return new VersionRef(LATEST);
    }

    public static VersionRef of(int number) {
        return new VersionRef(number);
    }

    /** Parses a URL's version segment; anything else is error 42202. */
    public static VersionRef parse(String text) {
        if ("latest".equalsIgnoreCase(text)) {
            return latest();
        }
        try {
            int number = Integer.parseInt(text);
            if (number == LATEST || number >= 1) {
                return new VersionRef(number);
            }
        } catch (NumberFormatException e) {
            // reported below like every other unusable value
        }
        throw RegistryError.invalidVersion(text);
    }

    public boolean isLatest() {
        return number == LATEST;
    }

    @Override
    public String toString() {
        return isLatest() ? "latest" : Integer.toString(number);
    }
}
