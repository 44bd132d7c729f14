package dev.customs.bench;

import dev.customs.examples.zlib.Zlib;
import dev.customs.examples.zlib.ZlibJna;
import dev.customs.examples.zlib.ZlibLibrary;
import dev.customs.examples.zlib.ffm.zlib_h;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 12: the system zlib's {@code crc32} over a Java array, 16 B to 1 MiB: through the toolkit ({@link Zlib}: a
 * heap segment through a critical handle, rules checked), the same without the toolkit (a raw critical handle), JNA
 * (the array copied around the call), and {@code java.util.zip.CRC32} (the JDK's own, intrinsic).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ZlibBench {
    /** First: jextract's zlib_h finds symbols only in libraries already opened (examples/README.md). */
    static final Object ZLIB = ZlibLibrary.loaded();
    static final MethodHandle RAW_CRITICAL = Linker.nativeLinker().downcallHandle(zlib_h.crc32$address(),
            zlib_h.crc32$descriptor(), Linker.Option.critical(true));

    @Param({"16", "256", "4096", "65536", "1048576"})
    int size;

    byte[] data;
    final Zlib zlib = new Zlib();
    final ZlibJna jna = new ZlibJna();
    final CRC32 crc = new CRC32();

    @Setup
    public void setUp() {
        data = new byte[size];
        new Random(size).nextBytes(data);
    }

    @Benchmark
    public long zlibCrc32_toolkit() {
        return zlib.crc32(data);
    }

    @Benchmark
    public long zlibCrc32_rawCritical() throws Throwable {
        return (long) RAW_CRITICAL.invokeExact(0L, MemorySegment.ofArray(data), size);
    }

    @Benchmark
    public long zlibCrc32_javaCrc32() {
        crc.reset();
        crc.update(data);
        return crc.getValue();
    }

    @Benchmark
    public long zlibCrc32_jna() {
        return jna.crc32(data);
    }
}
