package io.vodupload.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageArgumentsTest {

    @Test
    void requireUploadId_nullBlankOrValid() {
        assertThatThrownBy(() -> StorageArguments.requireUploadId(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("uploadId");
        assertThatThrownBy(() -> StorageArguments.requireUploadId(" \t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uploadId is blank");
        assertThat(StorageArguments.requireUploadId("U1")).isEqualTo("U1");
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 10_001, Integer.MAX_VALUE})
    void requirePartNumber_outside1To10000_rejectedNamingTheValue(int partNumber) {
        assertThatThrownBy(() -> StorageArguments.requirePartNumber(partNumber))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partNumber out of 1..10000: " + partNumber);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 9_999, 10_000})
    void requirePartNumber_inside_returned(int partNumber) {
        assertThat(StorageArguments.requirePartNumber(partNumber)).isEqualTo(partNumber);
    }

    @Test
    void requireDistinctPartNumbers_duplicate_rejectedNamingThePart() {
        List<PartReceipt> parts = List.of(PartReceipt.of(1, "A", 1, 1), PartReceipt.of(3, "B", 1, 1),
                PartReceipt.of(1, "C", 1, 1));

        assertThatThrownBy(() -> StorageArguments.requireDistinctPartNumbers(parts))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("part 1 given twice");
    }

    @Test
    void requireDistinctPartNumbers_outOfOrderEmptyOrNull_orderAndEmptinessLeftToTheStorage() {
        List<PartReceipt> reversed = List.of(PartReceipt.of(10_000, "A", 1, 1), PartReceipt.of(2, "B", 1, 1));

        assertThat(StorageArguments.requireDistinctPartNumbers(reversed)).isSameAs(reversed);
        assertThat(StorageArguments.requireDistinctPartNumbers(List.of())).isEmpty();
        assertThatThrownBy(() -> StorageArguments.requireDistinctPartNumbers(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> StorageArguments.requireDistinctPartNumbers(
                Arrays.asList(PartReceipt.of(1, "A", 1, 1), null))).isInstanceOf(NullPointerException.class);
    }
}
