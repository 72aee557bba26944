package dev.deepfer.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The per-track moving average on hand-computed values. */
class SmoothingTest {
    @Test
    void anObservationOneHalfLifeLaterGetsHalfTheWeight() {
        Smoothing s = new Smoothing(0.5);
        assertThat(s.observe(1, new float[] {1, 0}, 0.0)).containsExactly(1f, 0f);
        float[] mean = s.observe(1, new float[] {0, 1}, 0.5);
        assertThat(mean[0]).isCloseTo(0.5f, within(1e-6f));
        assertThat(mean[1]).isCloseTo(0.5f, within(1e-6f));
        // two half-lives later the new value has weight 3/4
        mean = s.observe(1, new float[] {0, 1}, 1.5);
        assertThat(mean[1]).isCloseTo(0.5f + 0.75f * 0.5f, within(1e-6f));
    }

    @Test
    void tracksAreIndependentAndForgettingRestarts() {
        Smoothing s = new Smoothing(1);
        s.observe(1, new float[] {1, 0}, 0);
        assertThat(s.observe(2, new float[] {0, 1}, 0.1)).containsExactly(0f, 1f);
        s.forget(1);
        assertThat(s.observe(1, new float[] {0, 1}, 0.2)).containsExactly(0f, 1f);
    }

    @Test
    void zeroHalfLifeIsOffAndBadValuesAreRefused() {
        Smoothing off = new Smoothing(0);
        off.observe(1, new float[] {1, 0}, 0);
        assertThat(off.observe(1, new float[] {0, 1}, 0.04)).containsExactly(0f, 1f);
        assertThatThrownBy(() -> new Smoothing(-1)).hasMessageContaining("half-life");
        assertThatThrownBy(() -> new Smoothing(Double.NaN)).hasMessageContaining("half-life");
        Smoothing s = new Smoothing(1);
        s.observe(1, new float[] {1, 0}, 0);
        assertThatThrownBy(() -> s.observe(1, new float[] {1, 0, 0}, 1)).hasMessageContaining("classes");
    }
}
