package dev.facerec.functions.core.rekognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ExternalImageIdsTest {

    private static final Pattern ALLOWED = Pattern.compile("[a-zA-Z0-9_.\\-:]{1,255}");

    @Test
    void forKey_shouldOnlyUseRekognitionsCharset_whenKeyHasSlashesSpacesAndUnicode() {
        String id = ExternalImageIds.forKey("enroll/josé/red flower + 1%.jpg");

        assertThat(id).matches(ALLOWED).isEqualTo("enroll:jos_c3_a9:red_20flower_20_2b_201_25.jpg");
    }

    @Test
    void forKey_shouldKeepDistinctKeysDistinct_whenTheyDifferOnlyInEscapedCharacters() {
        List<String> keys = List.of("a/b", "a:b", "a_3ab", "a_b", "a b", "a+b", "a%20b");
        Set<String> ids = new HashSet<>();
        keys.forEach(key -> ids.add(ExternalImageIds.forKey(key)));

        assertThat(ids).hasSameSizeAs(keys).allMatch(id -> ALLOWED.matcher(id).matches());
    }

    @Test
    void forKey_shouldHashTheTail_whenTheMappedKeyWouldExceed255Characters() {
        String longKey = "enroll/bob/" + "ü".repeat(300) + ".jpg";
        String otherLongKey = "enroll/bob/" + "ü".repeat(300) + ".png";

        String id = ExternalImageIds.forKey(longKey);

        assertThat(id).hasSize(255).matches(ALLOWED).contains("_h");
        assertThat(id).isNotEqualTo(ExternalImageIds.forKey(otherLongKey));
    }
}
