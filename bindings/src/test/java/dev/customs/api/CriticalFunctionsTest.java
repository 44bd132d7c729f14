package dev.customs.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.bindings.ffm.CustomsErrno;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * The descriptors FfmCustoms links critical (and CustomsErrno's) are jextract's, to the layout; the addresses are the
 * library's.
 */
class CriticalFunctionsTest {

    @Test
    void everyDescriptorIsJextracts() throws ReflectiveOperationException {
        for (CriticalFunctions f : CriticalFunctions.values()) {
            FunctionDescriptor generated = (FunctionDescriptor) customs_h.class.getMethod(f.symbol + "$descriptor")
                    .invoke(null);
            assertEquals(generated, f.descriptor, f.symbol);
        }
        assertEquals(customs_h.customs_file_size$descriptor(), CustomsErrno.FILE_SIZE_DESCRIPTOR, "customs_file_size");
    }

    @Test
    void everyAddressIsJextracts() throws ReflectiveOperationException {
        for (CriticalFunctions f : CriticalFunctions.values()) {
            MemorySegment generated = (MemorySegment) customs_h.class.getMethod(f.symbol + "$address").invoke(null);
            assertEquals(generated.address(), CustomsLookup.find(f.symbol).address(), f.symbol);
        }
    }

    @Test
    void anUnknownSymbolIsNamed() {
        var e = assertThrows(NoSuchElementException.class, () -> CustomsLookup.find("customs_no_such_function"));
        assertTrue(e.getMessage().contains("has no symbol customs_no_such_function"), e.getMessage());
    }
}
