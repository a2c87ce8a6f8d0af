package dev.facerec.twin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code twin --version}: the version the build wrote into {@code twin-version.properties}. */
final class TwinVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"twin " + version()};
    }

    static String version() {
        try (InputStream in = TwinVersion.class.getResourceAsStream("/twin-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the twin's version", e);
        }
    }
}
