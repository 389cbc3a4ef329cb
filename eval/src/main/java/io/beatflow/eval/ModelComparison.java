package io.beatflow.eval;

/**
 * The paired DeLong test of two models' AUROCs for one class, on the same beats.
 *
 * @param modelA first model
 * @param modelB second model
 * @param className the class (one-vs-rest)
 * @param test the test, or null when undefined
 * @param undefinedReason why the test is undefined, or null
 */
public record ModelComparison(String modelA, String modelB, String className, DeLong.Comparison test,
        String undefinedReason) {

    /** Checks that exactly one of test and reason is given. */
    public ModelComparison {
        if ((test == null) == (undefinedReason == null)) {
            throw new IllegalArgumentException("exactly one of test and undefinedReason must be given");
        }
    }
}
