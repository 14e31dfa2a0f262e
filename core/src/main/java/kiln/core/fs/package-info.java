/**
 * Files on any Hadoop file system ({@code file://}, {@code hdfs://}, {@code s3a://}, plain local paths): small
 * text files written atomically, local scratch files published under their final name, seekable reads, listing,
 * and a serializable Hadoop configuration for executors. No Spark.
 */
package kiln.core.fs;
