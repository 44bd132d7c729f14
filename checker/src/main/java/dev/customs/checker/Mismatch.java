package dev.customs.checker;

/**
 * One way a binding disagrees with the C header, e.g. {@code z_stream.avail_in: offset is 8 in C but 12 in the binding}
 * or {@code compress2: parameter 5 is an integer of 4 bytes (int) in C but an integer of 8 bytes (j) in the binding}.
 *
 * @param symbol   the C symbol: a struct or a function
 * @param field    the struct field, or null
 * @param property what differs: {@code offset}, {@code size}, {@code kind}, {@code sizeof}, {@code _Alignof},
 *                 {@code parameter N}, {@code return}, {@code arity}, {@code declaration} or {@code link}
 * @param inC      what the C compiler says
 * @param binding  what the binding says
 */
public record Mismatch(String symbol, String field, String property, String inC, String binding) {
    /** The property that says a symbol or field exists on one side only. */
    public static final String DECLARATION = "declaration";
    /** The property that says the binding itself could not be initialised (a symbol the library does not export). */
    public static final String LINK = "link";

    @Override
    public String toString() {
        String where = field == null ? symbol : symbol + "." + field;
        return switch (property) {
            case DECLARATION -> where + ": " + inC + ", but " + binding;
            case LINK -> where + ": " + binding;
            default -> where + ": " + property + " is " + inC + " in C but " + binding + " in the binding";
        };
    }
}
