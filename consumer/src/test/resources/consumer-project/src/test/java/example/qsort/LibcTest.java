package example.qsort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.loader.LibraryLoadException;
import dev.customs.loader.LibraryLoader;
import dev.customs.pinning.Access;
import dev.customs.pinning.ArrayRegion;
import dev.customs.pinning.Handoff;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LibcTest {
    @Test
    void qsortSortsThroughTheToolkit() {
        long seed = new Random().nextLong();
        System.out.println("seed " + seed);
        int[] values = new Random(seed).ints(1000, -500, 500).toArray();
        int[] expected = values.clone();
        java.util.Arrays.sort(expected);
        Libc.sortBy(values, v -> v);
        assertArrayEquals(expected, values, "seed " + seed);
    }

    @Test
    void aKeyThatThrowsComesBackAfterQsortAndTheOrderStaysTotal() {
        int[] values = {4, 13, 2, 13, 9};
        IllegalStateException unlucky = new IllegalStateException("no key for 13");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Libc.sortBy(values, v -> {
            if (v == 13) {
                throw unlucky;
            }
            return v;
        }));
        assertSame(unlucky, thrown);
        assertArrayEquals(new int[] {2, 4, 9, 13, 13}, values, "the failed value sorts last");
    }

    @Test
    void theRulesRefuseTheArrayItselfForAFunctionThatCallsBack() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Handoff.HEAP.ffm()
                .pass(Libc.QSORT, ArrayRegion.of(new int[3], Access.IN_OUT), p -> null));
        assertTrue(e.getMessage().contains("no heap segment for a function that may call back"), e.getMessage());
    }

    @Test
    void aLibraryThatIsNotThereIsExplained() {
        LibraryLoadException e = assertThrows(LibraryLoadException.class,
                () -> LibraryLoader.forLibrary("libexample_absent.so.1").load());
        assertTrue(e.getMessage().contains("cannot open shared object file"), e.getMessage());
    }

    @Test
    void strdupsCopyIsFreedByLibcOnce() throws Throwable {
        assertEquals("hello", Libc.roundTrip("hello"));
        assertEquals(5, Libc.strlen("hello"));
    }
}
