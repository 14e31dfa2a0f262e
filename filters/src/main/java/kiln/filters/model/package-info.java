/**
 * fastText-compatible inference in pure Java: {@link kiln.filters.model.FastTextModel} reads supervised
 * {@code .bin} and quantized {@code .ftz} models written by fastText 0.9 (file format version 11 and 12) and
 * predicts labels and probabilities as {@code fasttext predict-prob} does: same tokenisation, hashing, float
 * arithmetic order, output layers (softmax, hierarchical softmax, one-vs-all / negative sampling) and top-k
 * order. Written from fastText's C++ sources ({@code dictionary.cc}, {@code model.cc}, {@code loss.cc},
 * {@code densematrix.cc}, {@code quantmatrix.cc}, {@code productquantizer.cc}); no native code.
 */
package kiln.filters.model;
