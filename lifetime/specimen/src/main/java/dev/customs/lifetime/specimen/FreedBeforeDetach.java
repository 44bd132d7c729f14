package dev.customs.lifetime.specimen;

import static dev.customs.lifetime.specimen.Specimen.UNMAPPED_ON_FREE;
import static dev.customs.lifetime.specimen.Specimen.step;

import com.sun.jna.Memory;
import com.sun.jna.ptr.PointerByReference;
import dev.customs.bindings.jna.CustomsLibrary;
import dev.customs.lifetime.specimen.CustomsSinks;
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
            MemorySegment sink = CustomsSinks.attach(arena.allocate(UNMAPPED_ON_FREE));
            step("attach: 0");
            arena.close();
            step("buffer freed, sink still attached; writing");
            step("write: " + CustomsSinks.write(sink, data));
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
