/**
 * Cluster integration tests (run by failsafe in {@code verify}, after the reactor packaged
 * {@code jobs/target/kiln.jar}): a standalone master and workers on 127.0.0.1 driven by
 * {@code cluster/bin/standalone.sh} and {@code cluster/bin/submit.sh}, worker loss, driver loss and resume,
 * and HDFS paths against an in-process MiniDFSCluster.
 */
package kiln.cluster;
