package kiln.core.fs;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * A Hadoop {@link Configuration} that travels to executors: the driver's settings (file system implementations,
 * endpoints, credentials providers, {@code spark.hadoop.*} keys) rather than a default configuration built on the
 * executor, which would not know them. Serialized with {@link Configuration#write}.
 */
public final class HadoopConf implements Serializable {
  private static final long serialVersionUID = 1L;

  private transient Configuration conf;

  public HadoopConf(Configuration conf) {
    this.conf = new Configuration(conf);
  }

  /** The default configuration (core-default.xml and any core-site.xml on the classpath). */
  public static HadoopConf defaults() {
    return new HadoopConf(new Configuration());
  }

  public Configuration get() {
    return conf;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    conf.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(in);
  }
}
