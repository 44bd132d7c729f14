package dev.customs.fuzz.targets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.customs.api.Customs;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Target 3, the safe Java-facing API ({@link Customs}) on every backend: lengths, offsets, sizes, strings and
 * null-ness chosen by the fuzzer must end in the result Java computes itself or the exception the API documents,
 * with its message. Never a crash, and never a native access outside the buffer, which ASan would report in the clang
 * build. Library-owned allocations are back to zero after every input.
 */
public final class SafeApiTarget {
    private static final int MAX_CALLS = 8;
    private static final List<BiConsumer<Customs, FuzzedDataProvider>> CALLS = List.of(
            MemoryCalls::crc32OfArray, MemoryCalls::transformArray, MemoryCalls::sumOfArray, MemoryCalls::parseWindow,
            MemoryCalls::nativeBuffer, TextCalls::greet, TextCalls::greetInto, TextCalls::toUpper, TextCalls::fileSize,
            TextCalls::describeStruct, ValueCalls::sample, ValueCalls::runThreads, ValueCalls::forEach,
            ValueCalls::startAsync);

    private SafeApiTarget() {}

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        int calls = data.consumeInt(1, MAX_CALLS);
        for (int i = 0; i < calls && data.remainingBytes() > 0; i++) {
            data.pickValue(CALLS).accept(Inputs.backend(data), data);
        }
        Expect.equal("library allocations left after the calls", 0L, Inputs.BACKENDS.getFirst().liveAllocations());
    }
}
