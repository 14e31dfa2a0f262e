package kiln.core.spark;

import java.util.Iterator;
import java.util.function.Function;

/** Lazy iterator helpers for partition functions, so a per-row mapping is a lambda, not an anonymous class. */
public final class Iterators {
  private Iterators() {}

  /** {@code f} applied to each element of {@code in}, one at a time as the result is consumed. */
  public static <A, B> Iterator<B> map(Iterator<A> in, Function<? super A, ? extends B> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public B next() {
        return f.apply(in.next());
      }
    };
  }
}
