package dev.customs.lifetime.specimens;

import static dev.customs.bindings.ffm.customs_h.C_POINTER;
import static dev.customs.lifetime.specimens.Specimen.UNMAPPED_ON_FREE;
import static dev.customs.lifetime.specimens.Specimen.step;

import com.sun.jna.Memory;
import com.sun.jna.ptr.PointerByReference;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.jna.CustomsLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The retained-pointer hazard: a buffer attached with {@code customs_sink_attach} is freed before
 * {@code customs_sink_detach}, then the library writes into it. Dies of SIGSEGV inside {@code customs_sink_write} on
 * either backend. Argument: {@code ffm}, {@code jna} or {@code jna-interface}.
 */
public final class FreedBeforeDetach {
    private FreedBeforeDetach() {}

    public static void main(String[] args) {
        byte[] data = {'a', 'b', 'c'};
        if (args[0].equals("ffm")) {
            Arena arena = Arena.ofConfined();
            MemorySegment buffer = arena.allocate(UNMAPPED_ON_FREE);
            MemorySegment sinkOut = Arena.global().allocate(C_POINTER);
            step("attach: " + customs_h.customs_sink_attach(buffer, UNMAPPED_ON_FREE, sinkOut));
            MemorySegment sink = sinkOut.get(C_POINTER, 0);
            arena.close();
            step("buffer freed, sink still attached; writing");
            step("write: " + customs_h.customs_sink_write(sink, Arena.global().allocateFrom("abc"), data.length));
        } else {
            CustomsLibrary lib = Specimen.jna(args[0]);
            Memory buffer = new Memory(UNMAPPED_ON_FREE);
            PointerByReference sink = new PointerByReference();
            step("attach: " + lib.customs_sink_attach(buffer, UNMAPPED_ON_FREE, sink));
            buffer.close();
            step("buffer freed, sink still attached; writing");
            step("write: " + lib.customs_sink_write(sink.getValue(), data, data.length));
        }
        Specimen.survived();
    }
}
