package dev.facerec.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.engine.store.LogRecord.CollectionCreated;
import dev.facerec.engine.store.LogRecord.TagsChanged;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    @Test
    void decode_shouldReadACollectionRecordWrittenBeforeTags_asUntagged() throws IOException {
        // GIVEN a collection record in the format journals had before collections carried tags (type 1)
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            for (String s : List.of("old", "arn:aws:rekognition:us-east-1:000000000000:collection/old", "7.0")) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
            out.writeInt(512);
            out.writeLong(1_700_000_000_000L);
        }

        // WHEN it is decoded
        LogRecord record = RecordCodec.decode(bytes.toByteArray());

        // THEN it is the same collection, without tags
        assertThat(record)
                .isEqualTo(new CollectionCreated(new CollectionInfo(
                        "old",
                        "arn:aws:rekognition:us-east-1:000000000000:collection/old",
                        "7.0",
                        512,
                        1_700_000_000_000L)));
        assertThat(((CollectionCreated) record).info().tags()).isEmpty();
    }

    @Test
    void encode_shouldRoundTripTags_onCreationAndChange() throws IOException {
        CollectionCreated created = new CollectionCreated(
                new CollectionInfo("c", "arn", "7.0", 512, 1L, Map.of("facerec:owner", "ab12", "team", "")));
        TagsChanged changed = new TagsChanged(Map.of("team", "doors"));

        assertThat(RecordCodec.decode(RecordCodec.encode(created))).isEqualTo(created);
        assertThat(RecordCodec.decode(RecordCodec.encode(changed))).isEqualTo(changed);
    }

    @Test
    void emitState_shouldCarryTheCurrentTags_soThatACompactedJournalKeepsThem() {
        // GIVEN a collection created with a tag that was then changed
        StoredCollection collection = new StoredCollection(
                new CollectionInfo("c", "arn", "7.0", 4, 1L, Map.of("team", "doors")), SearchSettings.DEFAULT);
        collection.changeTags(Map.of("team", "gates"), List.of(), 50);

        // WHEN its state is emitted (what a snapshot holds) and replayed into a new collection
        List<LogRecord> records = new ArrayList<>();
        collection.emitState(records::add);
        StoredCollection replayed =
                new StoredCollection(((CollectionCreated) records.get(0)).info(), SearchSettings.DEFAULT);
        records.subList(1, records.size()).forEach(replayed::apply);

        // THEN the replayed collection has the changed tag
        assertThat(replayed.tags()).containsExactlyEntriesOf(Map.of("team", "gates"));
    }
}
