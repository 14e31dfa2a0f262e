/** Text normalisation and shingling shared by exact and near-duplicate detection. */
package kiln.dedup.text;
