/**
 * Spark glue of the tokenize stage: {@link kiln.tokenize.spark.TokenizeStage} maps a tokenizer over partitions
 * (documents in, {@link kiln.core.Columns#TOKENS_DDL} rows out), {@link kiln.tokenize.spark.ShardOutput} writes
 * deterministic token shards and their {@link kiln.tokenize.spark.ShardManifest}.
 */
package kiln.tokenize.spark;
