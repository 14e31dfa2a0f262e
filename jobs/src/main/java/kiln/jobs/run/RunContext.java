package kiln.jobs.run;

import org.apache.spark.sql.SparkSession;

/** What a running step may use: the session, the run's output root and the progress printer. */
public record RunContext(SparkSession spark, String runDir, Progress progress) {}
