/**
 * SentencePiece encoding in Java, bit-compatible with the native library: the normalizer (precompiled
 * character map, whitespace rules, user-defined symbols) and the unigram model's Viterbi search with the same
 * floating-point operations in the same order, so ids equal {@code spm_encode}'s. Exists because a JNI call per
 * line costs more than encoding a short line (measured in {@code bench/tokenize.sh}); BPE, word and char models
 * still go through DJL's native binding.
 */
package kiln.tokenize.spm;
