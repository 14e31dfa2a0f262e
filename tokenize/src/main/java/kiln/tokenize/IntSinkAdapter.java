package kiln.tokenize;

import kiln.core.util.IntList;

/** Adapts an {@link IntList} to {@link kiln.tokenize.spm.SpmEncoder.IntSink}; retarget it per call. */
final class IntSinkAdapter implements kiln.tokenize.spm.SpmEncoder.IntSink {
  IntList target;

  @Override
  public void add(int id) {
    target.add(id);
  }
}
