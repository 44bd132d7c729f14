package unusual;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Code the checks must walk through without crashing: generics, records, sealed types, combinators, odd syntax. */
sealed interface Unusual permits Unusual.Native, Unusual.Heap {
    record Native<T extends SegmentAllocator>(T allocator, long size) implements Unusual {
        public Native {
            if (size < 0) {
                throw new IllegalArgumentException();
            }
        }

        MemorySegment make() {
            return allocator.allocate(size);
        }
    }

    record Heap(byte[] bytes) implements Unusual {}

    static MemorySegment of(Unusual u) {
        return switch (u) {
            case Native<?>(var allocator, long size) when size > 0 -> allocator.allocate(size);
            case Native<?> n -> MemorySegment.NULL;
            case Heap(byte[] bytes) -> MemorySegment.ofArray(bytes);
        };
    }

    static <A extends AutoCloseable & SegmentAllocator> MemorySegment generic(A arena, Function<? super A, ?> f) {
        f.apply(arena);
        return arena.allocate(1);
    }

    static MethodHandle combinators(MethodHandle target) throws ReflectiveOperationException {
        MethodHandle handler = MethodHandles.lookup().findStatic(Unusual.class, "recover",
                MethodType.methodType(int.class, Throwable.class, int.class));
        MethodHandle guarded = MethodHandles.catchException(target, Throwable.class, handler);
        MethodHandle dropped = MethodHandles.dropArguments(guarded, 0, String.class);
        return MethodHandles.insertArguments(dropped, 0, "x").asType(MethodType.methodType(int.class, int.class));
    }

    static int recover(Throwable t, int x) {
        return -x;
    }

    static long downcalls(MemorySegment fn, Linker.Option[] options, Supplier<Linker.Option> more) throws Throwable {
        FunctionDescriptor d = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);
        MethodHandle a = Linker.nativeLinker().downcallHandle(fn, d, options);
        MethodHandle b = Linker.nativeLinker().downcallHandle(fn, d, more.get());
        MethodHandle c = Linker.nativeLinker().downcallHandle(d).bindTo(fn);
        MethodHandle spread = a.asSpreader(Object[].class, 1);
        return (long) a.invokeExact(MemorySegment.ofArray(new int[1])) + (long) b.invoke(MemorySegment.NULL)
                + (long) c.invokeWithArguments(List.of(MemorySegment.NULL)) + (long) spread.invoke(new Object[1]);
    }

    static void arenas(boolean which) {
        Arena a;
        Arena b = null;
        a = which ? Arena.ofConfined() : (Arena) Arena.global();
        try (a; var c = Arena.ofConfined()) {
            b = c;
            Runnable r = new Runnable() {
                @Override
                public void run() {
                    Arena.ofAuto();
                }
            };
            r.run();
        }
        int[] counter = {0};
        label:
        for (int i = 0; ; i++) {
            do {
                counter[0]++;
            } while (counter[0] < 3);
            if (i > 2) {
                break label;
            }
        }
        Object unused = b;
    }
}
