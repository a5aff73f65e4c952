package io.vodupload.domain.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.domain.ErrorCode;
import io.vodupload.domain.InvalidUploadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartPlanTest {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long GIB = 1024 * MIB;
    private static final long TIB = 1024 * GIB;

    @ParameterizedTest(name = "{0} bytes with {1}-byte parts -> put={2}, {3} parts of {4}, adjusted={5}")
    @CsvSource({
        // size,            configured, put,   parts, partSize,   adjusted
        "1,                 8388608,    true,  1,     8388608,    false",
        "8388607,           8388608,    true,  1,     8388608,    false",
        "8388608,           8388608,    true,  1,     8388608,    false",
        "8388609,           8388608,    false, 2,     8388608,    false",
        "102401,            102400,     false, 2,     102400,     false",
        "1024000000,        102400,     false, 10000, 102400,     false",
        "1024000001,        102400,     false, 977,   1048576,    true",
        "83886080000,       8388608,    false, 10000, 8388608,    false",
        "83886080001,       8388608,    false, 8889,  9437184,    true",
        "5497558138880,     8388608,    false, 9987,  550502400,  true",
        "53687091200000,    8388608,    false, 10000, 5368709120, true",
    })
    void of_boundaries_planAsExpected(long size, long configured, boolean put, int parts, long partSize,
                                      boolean adjusted) {
        PartPlan plan = PartPlan.of(size, configured);

        assertThat(plan.singlePut()).isEqualTo(put);
        assertThat(plan.partCount()).isEqualTo(parts);
        assertThat(plan.partSize()).isEqualTo(partSize);
        assertThat(plan.partSizeAdjusted()).isEqualTo(adjusted);
        assertThat(plan.partCount()).isLessThanOrEqualTo(PartPlan.MAX_PARTS);
        PartPlan.Part last = plan.part(plan.partCount());
        assertThat(last.offset() + last.size()).isEqualTo(size);
        assertThat(last.size()).isBetween(1L, plan.partSize());
        if (plan.partCount() > 1) {
            assertThat(plan.part(plan.partCount() - 1).size()).isEqualTo(plan.partSize()).isGreaterThanOrEqualTo(100 * KIB);
        }
    }

    @Test
    void of_emptyFile_isOnePutObjectOfZeroBytes() {
        PartPlan plan = PartPlan.of(0, 8 * MIB);

        assertThat(plan.singlePut()).isTrue();
        assertThat(plan.partCount()).isEqualTo(1);
        assertThat(plan.part(1)).isEqualTo(new PartPlan.Part(1, 0, 0));
        assertThat(PartPlan.forResume(0, 8 * MIB)).isEmpty();
    }

    @Test
    void of_negativeSize_isRefused() {
        assertThatThrownBy(() -> PartPlan.of(-1, 8 * MIB)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @ParameterizedTest
    @CsvSource({"53687091200001", "9223372036854775807"})
    void of_beyondTenThousandPartsOf5GiB_isRefusedWithFileTooLarge(long size) {
        assertThatThrownBy(() -> PartPlan.of(size, 8 * MIB)).isInstanceOfSatisfying(InvalidUploadException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FILE_TOO_LARGE));
    }

    @ParameterizedTest
    @CsvSource({"102399", "5368709121"})
    void of_partSizeOutOfRange_isRefused(long partSize) {
        assertThatThrownBy(() -> PartPlan.of(10 * MIB, partSize)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Long.toString(partSize));
    }

    @ParameterizedTest
    @CsvSource({"1048576, 102400, true", "1048576, 1024, false", "1024000001, 102400, false"})
    void forResume_validatesThePartSizeOfTheCheckpoint(long size, long partSize, boolean valid) {
        assertThat(PartPlan.forResume(size, partSize).isPresent()).isEqualTo(valid);
        PartPlan.forResume(size, partSize).ifPresent(p -> assertThat(p.singlePut()).isFalse());
    }

    @ParameterizedTest
    @CsvSource({"5497558138880"})
    void of_5TiB_isArithmeticOnly(long size) {
        assertThat(size).isEqualTo(5 * TIB);
        assertThat(PartPlan.of(size, 8 * MIB).partCount()).isEqualTo(9987);
    }
}
