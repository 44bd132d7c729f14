package dev.customs.stress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.api.Customs;
import org.junit.jupiter.api.Test;

/** C's count proves which status it received only where the arithmetic allows it to. */
class TallyTest {
    static final int THREW = Customs.CALLBACK_THREW;

    @Test
    void theRightCountAndSumOfCallbackThrewPass() {
        assertTrue(new Tally(10, 3, 3L * THREW, 1).sawOnly(THREW, 3));
        assertTrue(new Tally(10, 0, 0, 1).sawOnly(THREW, 0));
    }

    @Test
    void oneOtherStatusAmongThemOrOneMissingFails() {
        assertFalse(new Tally(10, 3, 2L * THREW + 7, 1).sawOnly(THREW, 3), "one status was 7");
        assertFalse(new Tally(10, 2, 2L * THREW, 1).sawOnly(THREW, 3), "one failure was not seen");
        assertFalse(new Tally(10, 4, 4L * THREW, 1).sawOnly(THREW, 3), "one failure too many");
    }
}
