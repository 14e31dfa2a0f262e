package kiln.dedup.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnionFindTest {
  @Test
  void findReturnsSmallestMember() {
    UnionFind u = new UnionFind(6);
    u.union(5, 3);
    u.union(3, 4);
    u.union(1, 2);
    assertEquals(3, u.find(5));
    assertEquals(3, u.find(4));
    assertEquals(1, u.find(2));
    assertEquals(0, u.find(0));
    assertEquals(3, u.sizeOf(4));
    u.union(4, 2);
    assertEquals(1, u.find(5));
    assertEquals(5, u.sizeOf(1));
  }
}
