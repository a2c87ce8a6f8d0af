package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The bundled function jars, extracted from the classpath. */
class LambdaAssetsTest {

    @Test
    void extract_shouldWriteTheBundledJarToAContentAddressedPath() throws Exception {
        // GIVEN
        byte[] bundled;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("dev/facerec/infra/assets/collection-resource.jar")) {
            bundled = in.readAllBytes();
        }

        // WHEN
        Path extracted = LambdaAssets.extract(LambdaAssets.COLLECTION_RESOURCE);

        // THEN
        assertThat(extracted).hasFileName("collection-resource.jar").hasBinaryContent(bundled);
        assertThat(extracted.getParent()).hasFileName(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundled)));
        assertThat(extracted.getParent().getParent()).hasFileName("facerec-assets");
    }

    @Test
    void extract_shouldReuseTheFile_whenCalledAgain() throws IOException {
        Path first = LambdaAssets.extract(LambdaAssets.INDEX_FACES);
        long modified = Files.getLastModifiedTime(first).toMillis();

        Path second = LambdaAssets.extract(LambdaAssets.INDEX_FACES);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second).toMillis()).isEqualTo(modified);
    }

    @Test
    @DisplayName("fails if a function jar is not on the classpath, naming the module to build")
    void extract_shouldFail_whenTheJarIsMissing() {
        assertThatThrownBy(() -> LambdaAssets.extract("no-such-function"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The Lambda asset dev/facerec/infra/assets/no-such-function.jar is not on the classpath:"
                        + " build the functions/no-such-function module first"
                        + " (mvn -pl functions/no-such-function install), then facerec-infra, which bundles it");
    }
}
