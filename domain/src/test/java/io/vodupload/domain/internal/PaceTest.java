package io.vodupload.domain.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class PaceTest {

    private static final long PART = 8L << 20;
    private static final long SECOND = 1_000_000_000L;

    /**
     * Parts of {@link #PART} go out at 0 and finish one after another on a link that carries
     * {@code rate(k)} parts a second with {@code k} in flight, each completion launching the next parts (as
     * {@code Transferring.fill} does); returns the pace after {@code parts} completions.
     */
    private static Pace run(Pace pace, int parts, IntToDoubleFunction rate) {
        long now = 0;
        pace = pace.launched(now);
        for (int i = 0; i < parts; i++) {
            now += (long) (SECOND / rate.applyAsDouble(pace.limit()));
            pace = pace.partDone(PART, now).launched(now);
        }
        return pace;
    }

    @Test
    void partDone_throughputRisesWithEveryStep_growsByHalvesUpToTheCap() {
        Pace pace = Pace.of(4, 16).launched(0);
        int[] seen = new int[6];
        long now = 0;
        int step = 0;
        seen[0] = pace.limit();
        while (!pace.settled()) {
            now += SECOND / pace.limit(); // one connection: one part a second, no cap on the link
            Pace next = pace.partDone(PART, now).launched(now);
            if (next.limit() != pace.limit()) {
                seen[++step] = next.limit();
            }
            pace = next;
        }

        assertThat(seen).containsExactly(4, 6, 9, 14, 16, 0);
        assertThat(pace.limit()).isEqualTo(16);
    }

    @Test
    void partDone_linkFullAtSixParts_stopsAtTheStepThatFoundThePlateau() {
        Pace pace = run(Pace.of(4, 16), 200, k -> Math.min(k, 6));

        assertThat(pace.settled()).isTrue();
        assertThat(pace.limit()).isEqualTo(9);
        assertThat(pace.lastRate()).isEqualTo(6.0 * PART, org.assertj.core.data.Offset.offset(PART / 100.0));
    }

    @Test
    void partDone_riseUnderTenPercent_stopsGrowing() {
        // 4 → 6 parts gains only 8 %: not worth two more connections
        Pace pace = run(Pace.of(4, 16), 200, k -> k == 4 ? 10 : 10.8);

        assertThat(pace.limit()).isEqualTo(6);
        assertThat(pace.settled()).isTrue();
    }

    @Test
    void partDone_lowCap_neverExceedsIt() {
        Pace pace = run(Pace.of(4, 5), 200, k -> k);

        assertThat(pace.limit()).isEqualTo(5);
        assertThat(pace.settled()).isTrue();
    }

    @Test
    void partDone_fixedParallelism_neverMoves() {
        Pace pace = run(Pace.of(8, 8), 200, k -> k);

        assertThat(pace.adaptive()).isFalse();
        assertThat(pace.limit()).isEqualTo(8);
    }

    @Test
    void partDone_unknownTimeOrNoTimePassing_measuresNothing() {
        Pace pace = Pace.of(4, 16).launched(-1);
        for (int i = 0; i < 50; i++) {
            pace = pace.partDone(PART, -1).launched(-1);
        }
        assertThat(pace).isEqualTo(Pace.of(4, 16));

        pace = pace.launched(7 * SECOND);
        for (int i = 0; i < 50; i++) {
            pace = pace.partDone(PART, 7 * SECOND).launched(7 * SECOND); // a clock that stands still
        }
        assertThat(pace.limit()).isEqualTo(4);
    }

    @Test
    void partDone_noWindowOpen_countsNothingUntilPartsGoOutAgain() {
        Pace paused = Pace.of(4, 16).launched(0).partDone(PART, SECOND).interrupted();

        Pace stillPaused = paused.partDone(PART, 2 * SECOND).partDone(PART, 3 * SECOND);

        assertThat(stillPaused).isEqualTo(paused);
    }

    @Test
    void interrupted_openWindow_isDroppedSoThePausedTimeIsNotMeasured() {
        Pace pace = Pace.of(4, 16).launched(0).partDone(PART, SECOND).partDone(PART, 2 * SECOND);

        Pace after = pace.interrupted();

        assertThat(after.windowStart()).isEqualTo(-1);
        assertThat(after.windowParts()).isZero();
        // after an hour's pause, the next window measures only what follows the resume
        Pace resumed = after.launched(3600 * SECOND);
        for (int i = 1; i <= 4; i++) {
            resumed = resumed.partDone(PART, 3600 * SECOND + i * SECOND / 4);
        }
        assertThat(resumed.lastRate()).isEqualTo(4.0 * PART, org.assertj.core.data.Offset.offset(1.0));
        assertThat(resumed.limit()).isEqualTo(6);
    }

    @Test
    void failedRetryably_afterGrowing_stepsBackAndSettles() {
        Pace grown = run(Pace.of(4, 16), 11, k -> k); // 4 → 6 → 9
        assertThat(grown.limit()).isEqualTo(9);

        Pace back = grown.failedRetryably();

        assertThat(back.limit()).isEqualTo(6);
        assertThat(back.settled()).isTrue();
        assertThat(back.failedRetryably().limit()).isEqualTo(4);
        assertThat(back.failedRetryably().failedRetryably().limit()).isEqualTo(4); // never below the start
        assertThat(Pace.of(8, 8).failedRetryably().limit()).isEqualTo(8); // a fixed number stays
    }

    @Test
    void of_maxBelowStart_isRefused() {
        assertThatThrownBy(() -> new Pace(4, 3, 4, false, -1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max 3");
    }
}
