package kiln.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KernelTimerTest {
  private static List<String> docs() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      out.add("d".repeat(1 + (i * 37) % 200));
    }
    return out;
  }

  @Test
  void everyDocumentOncePerPassWhateverTheThreads() {
    List<String> docs = docs();
    AtomicInteger calls = new AtomicInteger();
    KernelTimer.Timing one = KernelTimer.time(docs, d -> {
      calls.incrementAndGet();
      return d.hashCode();
    }, 1, 2, 3);
    assertEquals(5 * docs.size(), calls.get());
    calls.set(0);
    KernelTimer.Timing two = KernelTimer.time(docs, d -> {
      calls.incrementAndGet();
      return d.hashCode();
    }, 2, 1, 3);
    assertEquals(4 * docs.size(), calls.get());
    // the checksum does not depend on which worker took which document
    assertEquals(one.check(), two.check());
    long expected = 0;
    for (int i = 0; i < docs.size(); i++) {
      expected += (2L * i + 1) * docs.get(i).hashCode();
    }
    assertEquals(expected, one.check());
    assertTrue(one.wallSeconds() > 0 && one.cpuSeconds() >= 0);
    assertEquals(2, two.threads());
  }

  @Test
  void compareInterleavesThePassesOfEachThreadCount() {
    List<String> docs = docs();
    AtomicInteger calls = new AtomicInteger();
    List<KernelTimer.Timing> runs = KernelTimer.compare(docs, d -> {
      calls.incrementAndGet();
      return d.length();
    }, new int[] {1, 2}, 2, 3);
    assertEquals(2 * 5 * docs.size(), calls.get());
    assertEquals(List.of(1, 2), runs.stream().map(KernelTimer.Timing::threads).toList());
    assertEquals(runs.get(0).check(), runs.get(1).check());
    assertTrue(runs.get(1).processCpuSeconds() >= 0);
  }

  @Test
  void aKernelThatChangesItsAnswerIsCaught() {
    AtomicInteger calls = new AtomicInteger();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> KernelTimer.time(docs(), d -> calls.incrementAndGet(), 1, 0, 2));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void aFailingKernelFailsTheRun() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KernelTimer.time(docs(), d -> {
          if (d.length() == 150) {
            throw new IllegalArgumentException("bad document");
          }
          return 1;
        }, 2, 0, 1));
    assertEquals("bad document", e.getMessage());
  }

  @Test
  void largestFirstAndMedian() {
    assertEquals(List.of("ccc", "bb", "a"), KernelTimer.largestFirst(List.of("a", "ccc", "bb"), String::length));
    assertEquals(2.0, KernelTimer.median(new double[] {3, 1, 2}));
    assertEquals(2.5, KernelTimer.median(new double[] {4, 1, 2, 3}));
  }
}
