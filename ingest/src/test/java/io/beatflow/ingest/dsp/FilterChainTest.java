package io.beatflow.ingest.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.BandPassConfig;
import io.beatflow.ingest.BandPassFilter;
import io.beatflow.ingest.BaselineWanderFilter;
import io.beatflow.ingest.FilterChain;
import io.beatflow.ingest.IncrementalFilter;
import io.beatflow.ingest.NotchFilter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A chain equals its filters applied in turn, up to float rounding between them. */
class FilterChainTest {
    private static final double FS = 360;

    @Test
    void chainEqualsFiltersInTurn() {
        float[] x = Sines.noise(13, 20000);
        NotchFilter notch = NotchFilter.powerLine(FS, 60);
        BandPassFilter bp = new BandPassFilter(BandPassConfig.ecg(FS));
        FilterChain chain = FilterChain.of(notch, bp);
        float[] inTurn = bp.newIncremental().process(notch.newIncremental().process(x));
        float[] chained = chain.newIncremental().process(x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(inTurn[i], chained[i], 1e-5f, "sample " + i);
        }
        float[] zpInTurn = bp.applyZeroPhase(notch.applyZeroPhase(x));
        float[] zpChain = chain.applyZeroPhase(x);
        for (int i = 2000; i < x.length - 2000; i++) { // away from the differently padded edges
            assertEquals(zpInTurn[i], zpChain[i], 1e-4f, "sample " + i);
        }
    }

    @Test
    void chainResponseIsTheProductOfResponses() {
        // notch: below -60 dB at 60 Hz; band-pass alone: -8.76 dB there (see BandPassFilterTest)
        FilterChain chain = FilterChain.ecg(FS, 60);
        assertTrue(BandPassFilterTest.measuredDb(chain.newIncremental(), 60, FS, 400, 600) < -60);
        double expected10 = BandPassFilterTest.analyticDb(2, 0.5, 40, 10, FS);
        assertEquals(expected10, BandPassFilterTest.measuredDb(chain.newIncremental(), 10, FS, 200, 400), 0.01);
    }

    @Test
    void chunkedEqualsWhole() {
        float[] x = Sines.noise(17, 10000);
        FilterChain chain = FilterChain.of(BaselineWanderFilter.highPass(FS), NotchFilter.powerLine(FS, 50));
        float[] whole = chain.newIncremental().process(x);
        IncrementalFilter f = chain.newIncremental();
        float[] out = new float[x.length];
        int pos = 0;
        for (int c : Sines.chunks(new Random(1), x.length, 800)) {
            f.process(x, pos, c, out, pos);
            pos += c;
        }
        assertArrayEquals(whole, out);
    }

    @Test
    void refusesMedianAndMixedRates() {
        assertThrows(IllegalArgumentException.class, () -> FilterChain.of(BaselineWanderFilter.median(FS)));
        assertThrows(IllegalArgumentException.class,
                () -> FilterChain.of(NotchFilter.powerLine(FS, 60), NotchFilter.powerLine(250, 50)));
        assertThrows(IllegalArgumentException.class, FilterChain::of);
    }
}
