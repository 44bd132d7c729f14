package dev.customs.lifetime.specimen;

import static dev.customs.lifetime.specimen.Specimen.step;

import com.sun.jna.Memory;

/**
 * JNA 5.19.1's {@code Memory.close()} sets the address to 0 and frees the block; {@code size()} stays, so the bounds
 * check still passes and a read goes to address 0. Dies of SIGSEGV in {@code Java_com_sun_jna_Native_getByte}.
 */
public final class JnaMemoryReadAfterClose {
    private JnaMemoryReadAfterClose() {}

    public static void main(String[] args) {
        Memory memory = new Memory(16);
        memory.close();
        step("closed: valid() " + memory.valid() + ", size() " + memory.size() + "; reading byte 0");
        step("read: " + memory.getByte(0));
        Specimen.survived();
    }
}
