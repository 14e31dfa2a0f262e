package kiln.filters.model;

/**
 * One predicted label. {@code probability} is what {@code fasttext predict-prob} prints and the Python binding
 * returns: {@code exp(log(p + 1e-5))} in float, so it is p + 1e-5 and may exceed 1 by that much.
 */
public record FastTextPrediction(String label, float probability) {}
