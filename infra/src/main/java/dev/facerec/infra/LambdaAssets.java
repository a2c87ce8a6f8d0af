package dev.facerec.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The function jars bundled in this library under {@code dev/facerec/infra/assets/}, extracted to a
 * content-addressed directory ({@code <tmp>/facerec-assets-<user>/<sha-256>/<name>.jar}) so that CDK can hash and
 * stage them, whichever stack, checkout or jar this library is used from.
 *
 * <p>The temporary directory is shared with everyone on the machine, so nothing found there is trusted: the
 * directory is the user's own (owned by the user, writable by nobody else; otherwise a fresh private directory is
 * used), and a jar found in it is reused only when its content has the expected SHA-256.
 */
final class LambdaAssets {

    static final String INDEX_FACES = "index-faces";
    static final String RECOGNIZE_FACES = "recognize-faces";
    static final String COLLECTION_RESOURCE = "collection-resource";
    static final String TENANT_ERASURE = "tenant-erasure";
    static final String SIGHTINGS = "sightings";
    static final String IDENTITY_API = "identity-api";

    /** Every function of the library, by module name. */
    static final List<String> FUNCTIONS =
            List.of(INDEX_FACES, RECOGNIZE_FACES, COLLECTION_RESOURCE, SIGHTINGS, TENANT_ERASURE, IDENTITY_API);

    private static final String RESOURCE_DIRECTORY = "dev/facerec/infra/assets/";
    private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private LambdaAssets() {}

    /** The Lambda code of the function built by {@code functions/<name>}. */
    static Code code(String name) {
        return Code.fromAsset(extract(name).toString());
    }

    /**
     * Extracts an asset once per JVM (and once per content on disk).
     *
     * @throws IllegalStateException naming the module to build when the jar is not on the classpath
     */
    static Path extract(String name) {
        return EXTRACTED.computeIfAbsent(name, LambdaAssets::extractNow);
    }

    private static Path extractNow(String name) {
        return extract(name, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Extracts the asset under {@code temp} (for tests; {@link #extract(String)} uses {@code java.io.tmpdir}). */
    static Path extract(String name, Path temp) {
        String resource = RESOURCE_DIRECTORY + name + ".jar";
        byte[] jar;
        try (InputStream in = LambdaAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The Lambda asset " + resource + " is not on the classpath: build the"
                        + " functions/" + name + " module first (mvn -pl functions/" + name + " install), then"
                        + " facerec-infra, which bundles it");
            }
            jar = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the Lambda asset " + resource, e);
        }
        String hash = sha256(jar);
        Path directory = PrivateDirectory.of(temp, "facerec-assets").resolve(hash);
        Path target = directory.resolve(name + ".jar");
        try {
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                    && hash.equals(sha256(Files.readAllBytes(target)))) {
                return target;
            }
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, name, ".partial");
            Files.write(partial, jar);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract the Lambda asset " + resource + " to " + target, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
