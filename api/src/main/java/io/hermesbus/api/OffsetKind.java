package io.hermesbus.api;

/** The four kinds of offset Hermes can keep in a client's cache, named as Hermes (Python) names them. */
public enum OffsetKind {
    /** Python {@code int}: a whole number, Java {@code long}. The kind Hermes' own resume ({@code offset + 1}) needs. */
    INT("Offset.of(42L)"),
    /** Python {@code float}: a finite Java {@code double}. */
    FLOAT("Offset.of(42.5)"),
    /** Python {@code str}: a Java {@code String}, ordered by UTF-16 code units ({@link String#compareTo}). */
    STR("Offset.of(\"000042\")"),
    /** Python {@code bytes}: a Java {@code byte[]}, ordered as unsigned bytes, shorter prefix first. */
    BYTES("Offset.of(new byte[] {0, 42})");

    private final String example;

    OffsetKind(String example) {
        this.example = example;
    }

    /** Java source that makes an offset of this kind; used in error messages. */
    String example() {
        return example;
    }

    /** The name Hermes uses for this kind: {@code int}, {@code float}, {@code str} or {@code bytes}. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
