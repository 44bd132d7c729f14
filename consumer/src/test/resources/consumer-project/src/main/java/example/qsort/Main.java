package example.qsort;

import java.util.Arrays;

/** Run on the module path by the Customs consumer test: sorts, fails a key, and prints what came back. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Throwable {
        int[] values = {5, -3, 13, 8, 0, 13, -1};
        try {
            Libc.sortBy(values, v -> {
                if (v == 13) {
                    throw new IllegalArgumentException("no key for 13");
                }
                return -v;
            });
            System.out.println("no exception: wrong");
            System.exit(2);
        } catch (IllegalArgumentException e) {
            System.out.println("sorted " + Arrays.toString(values) + " then rethrown: " + e.getMessage());
        }
        System.out.println("strdup: " + Libc.roundTrip("module path"));
    }
}
