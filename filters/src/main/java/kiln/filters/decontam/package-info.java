/** Benchmark n-gram index for decontamination ({@link kiln.filters.DecontaminationFilter}). */
package kiln.filters.decontam;
