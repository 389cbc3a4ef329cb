package io.beatflow.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The worked example of Hanley and McNeil, "The meaning and use of the area under a receiver
 * operating characteristic (ROC) curve", Radiology 143(1):29-36 (1982), Table I: computed
 * tomography images of 109 patients rated on a five-point scale (1 definitely normal ... 5
 * definitely abnormal) by a radiologist. 58 truly normal patients were rated 33, 6, 6, 11, 2 times
 * in categories 1-5; 51 truly abnormal ones 3, 2, 2, 11, 33 times. The paper gives the area as
 * 0.893 (the Wilcoxon statistic, ties counted one half) and its standard error as 0.032.
 */
class HanleyMcNeilExampleTest {
    private static final int[] NORMAL = {33, 6, 6, 11, 2};
    private static final int[] ABNORMAL = {3, 2, 2, 11, 33};

    private static double[] scores() {
        double[] s = new double[109];
        int i = 0;
        for (int[] counts : new int[][] {NORMAL, ABNORMAL}) {
            for (int rating = 0; rating < 5; rating++) {
                for (int k = 0; k < counts[rating]; k++) {
                    s[i++] = rating + 1;
                }
            }
        }
        return s;
    }

    private static boolean[] positive() {
        boolean[] p = new boolean[109];
        for (int i = 58; i < 109; i++) {
            p[i] = true;
        }
        return p;
    }

    /** Heavily tied ratings: the area must count ties as one half to give the published 0.893. */
    @Test
    void aurocEqualsThePublishedArea() {
        assertEquals(0.893, RankingMetrics.auroc(scores(), positive()), 0.0005);
        assertEquals(0.893, DeLong.estimate(scores(), positive()).auroc(), 0.0005);
    }

    /**
     * DeLong's variance and Hanley and McNeil's approximation estimate the same quantity; on this
     * example the paper's standard error is 0.032, and the two agree within 10 %.
     */
    @Test
    void delongStandardErrorAgreesWithThePublishedOne() {
        DeLong.Estimate e = DeLong.estimate(scores(), positive());
        assertEquals(58, e.negatives());
        assertEquals(51, e.positives());
        assertEquals(0.032, Math.sqrt(e.variance()), 0.0032);
    }
}
