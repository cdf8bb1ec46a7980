package io.hermesbus.tck;

/**
 * The kit's version, for reports: the {@code Implementation-Version} the build writes into the manifest of the kit's
 * jar (and of {@code hermes-bus.jar}, which carries the kit). Classes run from a folder, as in an IDE or the kit's own
 * tests, have no manifest: that is a development build.
 */
final class KitVersion {
    private KitVersion() {
    }

    /** Such as {@code "0.1.0"}, or {@code "development build"} when the kit does not run from a built jar. */
    static String describe() {
        String version = KitVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }
}
