package dev.customs.callbacks;

import dev.customs.api.CustomsGuards;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.customs.api.Customs;
import dev.customs.api.ErrnoException;
import dev.customs.api.Status;
import dev.customs.api.StatusException;
import dev.customs.callbacks.UpcallGuard;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The table from Java throwable to C status, without C: order, fallback, and the guard it makes. */
class ExceptionStatusTest {
    @Test
    void libcustomsTableMapsEachDocumentedType() {
        ExceptionStatus table = CustomsGuards.STATUSES;
        assertEquals(Status.E_NULL.code(), table.statusOf(new NullPointerException()));
        assertEquals(Status.E_RANGE.code(), table.statusOf(new ArrayIndexOutOfBoundsException(3)),
                "a subclass matches its parent's entry");
        assertEquals(Status.E_FORMAT.code(), table.statusOf(new NumberFormatException("x")));
        assertEquals(Status.E_STATE.code(), table.statusOf(new IllegalStateException()));
        assertEquals(Status.E_NOMEM.code(), table.statusOf(new OutOfMemoryError()));
        assertEquals(Status.E_TIMEOUT.code(), table.statusOf(new TimeoutException()));
        assertEquals(Status.E_TRUNCATED.code(), table.statusOf(new StatusException("f", -3, "CUSTOMS_E_TRUNCATED",
                "The input ended in the middle of a field.", null)), "a C status goes back as itself");
        assertEquals(Customs.CALLBACK_THREW, table.statusOf(new ErrnoException("f", 2, "ENOENT", "No such file", null)));
        assertEquals(Customs.CALLBACK_THREW, table.statusOf(new StackOverflowError()));
        assertEquals(Customs.CALLBACK_THREW, table.fallback());
    }

    @Test
    void entriesAreSearchedInTheOrderAdded() {
        ExceptionStatus table = ExceptionStatus.builder()
                .map(UncheckedIOException.class, 5)
                .map(RuntimeException.class, 4)
                .map(UncheckedIOException.class, 99) // never reached: RuntimeException matches first
                .otherwise(1);
        assertEquals(5, table.statusOf(new UncheckedIOException(new java.io.IOException())));
        assertEquals(4, table.statusOf(new IllegalStateException()));
        assertEquals(1, table.statusOf(new Error()));
        assertThrows(NullPointerException.class, () -> table.statusOf(null));
    }

    @Test
    void aTablesGuardHandsCTheMappedStatusAndFallsBackWhenAnEntryThrows() {
        ExceptionStatus table = ExceptionStatus.builder()
                .map(IllegalStateException.class, e -> Integer.parseInt(e.getMessage()))
                .otherwise(3);
        UpcallGuard guard = table.guard();
        assertEquals(42, guard.capture(new IllegalStateException("42")));
        assertEquals(3, guard.capture(new IllegalStateException("not a number")), "the entry threw: fallback");
        IllegalStateException first = assertThrows(IllegalStateException.class, guard::rethrowIfAny);
        assertEquals("42", first.getMessage());
        assertEquals(2, first.getSuppressed().length, "the second throwable and the entry's own failure");
        assertEquals(NumberFormatException.class, first.getSuppressed()[1].getClass());
    }
}
