package dev.customs.harness.scenarios;

import dev.customs.api.Customs;
import dev.customs.api.JnaCustoms;
import dev.customs.api.NativeBuffer;
import dev.customs.api.Sink;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import dev.customs.lifetime.specimen.CustomsSinks;
import dev.customs.lifetime.RetainedMemory;
import dev.customs.lifetime.specimen.FreedBeforeDetach;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/** Issue item 5: a pointer the library keeps after the call (customs_sink_attach); an owner that detaches first. */
public final class RetainedPointer extends Scenario {
    static final String OWNED = "wrote abc, detached, then freed";

    public RetainedPointer() {
        super("retained-pointer", "memory freed before detach kills the JVM; an owner that detaches, then frees");
    }

    @Override
    public void run(Report r) {
        r.say("customs_sink_attach keeps a pointer to the buffer until customs_sink_detach. Freeing the buffer first");
        r.say("(64 MiB, so free() unmaps it) and then writing through the sink runs in a child JVM.");
        r.columns();
        r.sideBySide("freed before detach, then C writes", "JVM killed (exit 1): SIGSEGV in customs_sink_write",
                () -> Evidence.death(FreedBeforeDetach.class, "SIGSEGV", "customs_sink_write", "ffm"),
                "JVM killed (exit 1): SIGSEGV in customs_sink_write",
                jna -> Evidence.death(FreedBeforeDetach.class, "SIGSEGV", "customs_sink_write", jna.backend()));
        r.say("");
        r.say("The safe pattern. FFM: dev.customs.lifetime.RetainedMemory, whose close() detaches, then frees.");
        r.say("JNA: the neutral API's Sink over a NativeBuffer, which refuses to close while the sink is attached.");
        r.columns();
        r.sideBySide("owner: write, then close()", OWNED, RetainedPointer::throughRetainedMemory, OWNED,
                RetainedPointer::throughSink);
        r.rowContaining("close the buffer while attached (Customs)",
                "IllegalStateException: NativeBuffer of 8 bytes is in use by 1 native user(s)",
                RetainedPointer::closeUnderTheSink);
        r.row("live library allocations at the end", 0L, c -> c.liveAllocations());
        r.lesson("when a library keeps a pointer, the memory's owner must also own the attachment: one object whose"
                + " close() detaches and only then frees, so no caller can get the order wrong.");
    }

    /** Closes a buffer while a sink holds it, on purpose: the refusal is what the row shows. */
    @SuppressWarnings("try") // the sink is only held, and the buffer closed inside the try: that is the point
    private static String closeUnderTheSink(Customs c) {
        try (NativeBuffer buffer = c.allocate(8); Sink sink = c.attachSink(buffer)) {
            buffer.close();
            return "closed under the sink";
        }
    }

    private static String throughRetainedMemory() {
        MemorySegment memory;
        String text;
        long[] written = {-1};
        try (RetainedMemory<MemorySegment> retained = CustomsSinks.retain(8, n -> written[0] = n)) {
            memory = retained.memory();
            CustomsSinks.write(retained.handle(), "abc".getBytes(StandardCharsets.US_ASCII));
            text = memory.getString(0);
        }
        return "wrote " + text + ", " + (written[0] == 3 ? "detached" : "not detached") + ", then "
                + (memory.scope().isAlive() ? "not freed" : "freed");
    }

    private static String throughSink(JnaCustoms jna) {
        NativeBuffer buffer = jna.allocate(8);
        long written;
        try (buffer; Sink sink = jna.attachSink(buffer)) {
            sink.write("abc".getBytes(StandardCharsets.US_ASCII), 0, 3);
            written = sink.detach();
        }
        return "wrote abc, " + (written == 3 ? "detached" : "not detached") + ", then "
                + (buffer.isAlive() ? "not freed" : "freed");
    }
}
