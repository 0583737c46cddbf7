package dev.newsflow.enrich.eval;

/**
 * Counts behind precision and recall. A found item that matches a required or an optional gold item is correct;
 * only required items count towards recall.
 *
 * @param required         required gold items
 * @param requiredFound    required gold items that were found
 * @param predicted        items the enricher output
 * @param predictedCorrect of those, the ones matching a required or optional gold item
 */
public record Score(int required, int requiredFound, int predicted, int predictedCorrect) {

    public static final Score ZERO = new Score(0, 0, 0, 0);

    public Score plus(Score other) {
        return new Score(required + other.required, requiredFound + other.requiredFound,
                predicted + other.predicted, predictedCorrect + other.predictedCorrect);
    }

    /** 1 when nothing was predicted: an empty answer claims nothing wrong. */
    public double precision() {
        return predicted == 0 ? 1.0 : (double) predictedCorrect / predicted;
    }

    /** 1 when nothing was required. */
    public double recall() {
        return required == 0 ? 1.0 : (double) requiredFound / required;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
