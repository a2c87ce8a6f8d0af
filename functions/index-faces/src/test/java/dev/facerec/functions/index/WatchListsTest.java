package dev.facerec.functions.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WatchListsTest {

    @Test
    void fromMetadata_shouldReturnSortedDistinctNames_whenTheValueIsValid() {
        // GIVEN a value with blanks, a repeat and unsorted names
        String raw = " vip,block , vip,staff-2_a";

        // WHEN
        var lists = WatchLists.fromMetadata(raw);

        // THEN
        assertThat(lists).containsExactly("block", "staff-2_a", "vip");
    }

    @Test
    void fromMetadata_shouldReturnNull_whenThereIsNoMetadata() {
        // GIVEN no metadata / WHEN / THEN the lists are left unchanged
        assertThat(WatchLists.fromMetadata(null)).isNull();
    }

    @Test
    void fromMetadata_shouldReturnNoList_whenTheValueIsBlank() {
        // GIVEN a blank value / WHEN / THEN the person is on no list
        assertThat(WatchLists.fromMetadata(" ")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Block", "block,", "a b", "vip;block", "x123456789012345678901234567890123", "é"})
    void fromMetadata_shouldReject_whenANameIsInvalid(String raw) {
        // GIVEN a value with a bad name / WHEN / THEN
        assertThatThrownBy(() -> WatchLists.fromMetadata(raw))
                .isInstanceOfSatisfying(
                        RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_METADATA));
    }

    @Test
    void fromMetadata_shouldReject_whenThereAreMoreThanTenLists() {
        // GIVEN eleven distinct names
        String raw = "a,b,c,d,e,f,g,h,i,j,k";

        // WHEN / THEN
        assertThatThrownBy(() -> WatchLists.fromMetadata(raw))
                .isInstanceOfSatisfying(
                        RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_METADATA));
        assertThat(WatchLists.fromMetadata("a,b,c,d,e,f,g,h,i,j")).hasSize(10);
    }
}
