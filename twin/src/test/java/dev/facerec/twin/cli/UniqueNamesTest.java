package dev.facerec.twin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class UniqueNamesTest {

    @Test
    void of_shouldGiveEveryPhotoItsOwnName_whenFileNamesRepeat() {
        // GIVEN photos from different folders with the same file name, and one already named like a renamed one
        List<Path> photos =
                List.of(Path.of("a/party.jpg"), Path.of("b/party.jpg"), Path.of("c/party-2.jpg"), Path.of("solo"));

        // WHEN
        List<String> names = UniqueNames.of(photos);

        // THEN names are distinct, the first keeps its file name, and so do their annotated pictures
        assertThat(names).containsExactly("party.jpg", "party-2.jpg", "party-2-2.jpg", "solo");
        assertThat(names.stream().map(UniqueNames::stem).map(stem -> stem + "-annotated.png"))
                .doesNotHaveDuplicates();
    }
}
