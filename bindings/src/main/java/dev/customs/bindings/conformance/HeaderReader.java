package dev.customs.bindings.conformance;

import dev.customs.bindings.conformance.CHeader.Kind;
import dev.customs.bindings.conformance.CHeader.Member;
import dev.customs.bindings.conformance.CHeader.Type;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads customs.h with nothing but the JDK: a strict reader for the subset of C the header keeps to (see the header's
 * opening comment). It understands conditional blocks, integer {@code #define}s, typedef'd enums, structs, opaque
 * structs and function pointers, and {@code CUSTOMS_API} function declarations. Anything else is an error naming the
 * line, so a header that outgrows the reader fails loudly instead of being half-read.
 */
public final class HeaderReader {
    /** The header bundled with the bindings (copied from native/include at build time). */
    public static final String BUNDLED = "customs.h";

    private static final Set<String> PREDEFINED = Set.of("__GNUC__");
    private static final Pattern DEFINE = Pattern.compile("#\\s*define\\s+(\\w+)(?:\\s+(.*))?");
    private static final Pattern INTEGER = Pattern.compile("-?(?:0[xX][0-9a-fA-F]+|\\d+)[uUlL]*");
    private static final Pattern TOKEN = Pattern.compile("\\s*(\\w+|\\.\\.\\.|[{}()\\[\\];,*=-]|\"[^\"]*\")");
    private static final Map<String, Kind> SCALARS = Map.ofEntries(
            Map.entry("void", Kind.VOID), Map.entry("char", Kind.I8), Map.entry("int8_t", Kind.I8),
            Map.entry("uint8_t", Kind.I8), Map.entry("int16_t", Kind.I16), Map.entry("uint16_t", Kind.I16),
            Map.entry("int32_t", Kind.I32), Map.entry("uint32_t", Kind.I32), Map.entry("int", Kind.I32),
            Map.entry("int64_t", Kind.I64), Map.entry("uint64_t", Kind.I64), Map.entry("size_t", Kind.I64),
            Map.entry("float", Kind.F32), Map.entry("double", Kind.F64));

    /** The header's text could not be read as the supported subset of C. */
    public static final class HeaderException extends RuntimeException {
        HeaderException(int line, String message) {
            super("customs.h:" + line + ": " + message);
        }
    }

    private record Token(String text, int line) {}

    private final Map<String, CHeader.Function> functions = new LinkedHashMap<>();
    private final Map<String, CHeader.Struct> structs = new LinkedHashMap<>();
    private final Map<String, CHeader.Function> callbacks = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> enums = new LinkedHashMap<>();
    private final Map<String, Long> constants = new LinkedHashMap<>();
    private final Set<String> opaque = new HashSet<>();
    private final Set<String> macros = new HashSet<>(PREDEFINED);
    private List<Token> tokens;
    private int pos;

    private HeaderReader() {}

    /** Reads the header bundled with the bindings. */
    public static CHeader bundled() {
        try (InputStream in = HeaderReader.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("customs.h is not on the class path next to " + HeaderReader.class
                        + ": the bindings jar was built without it");
            }
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads header text. */
    public static CHeader read(String text) {
        HeaderReader reader = new HeaderReader();
        reader.tokens = reader.tokenize(reader.preprocess(stripComments(text)));
        reader.declarations();
        return new CHeader(Map.copyOf(reader.functions), Map.copyOf(reader.structs), Map.copyOf(reader.callbacks),
                Map.copyOf(reader.enums), Map.copyOf(reader.constants));
    }

    /** Blanks comments out, keeping every newline so line numbers stay true. */
    private static String stripComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                text.substring(i, end).chars().filter(c -> c == '\n').forEach(c -> out.append('\n'));
                i = end;
            } else if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /** Evaluates conditional blocks and records #defines; directive lines and inactive lines become blank. */
    private String preprocess(String text) {
        String[] lines = text.split("\n", -1);
        Deque<boolean[]> stack = new ArrayDeque<>(); // {this branch active, any branch taken}
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            int lineNo = n + 1;
            boolean active = stack.stream().allMatch(b -> b[0]);
            if (line.startsWith("#")) {
                String directive = line.substring(1).strip();
                String word = directive.split("\\s+|\\(", 2)[0];
                String rest = directive.substring(word.length()).strip();
                switch (word) {
                    case "ifdef" -> push(stack, macros.contains(rest));
                    case "ifndef" -> push(stack, !macros.contains(rest));
                    case "if" -> push(stack, condition(rest, lineNo));
                    case "else" -> {
                        boolean[] top = requireOpen(stack, lineNo);
                        top[0] = !top[1];
                        top[1] = true;
                    }
                    case "endif" -> {
                        requireOpen(stack, lineNo);
                        stack.pop();
                    }
                    case "define" -> {
                        if (active) {
                            define(line, lineNo);
                        }
                    }
                    case "include" -> { }
                    default -> throw new HeaderException(lineNo, "unsupported directive #" + word);
                }
                out.append('\n');
            } else {
                out.append(active ? lines[n] : "").append('\n');
            }
        }
        if (!stack.isEmpty()) {
            throw new HeaderException(lines.length, "unterminated #if");
        }
        return out.toString();
    }

    private static void push(Deque<boolean[]> stack, boolean taken) {
        stack.push(new boolean[] {taken, taken});
    }

    private static boolean[] requireOpen(Deque<boolean[]> stack, int line) {
        if (stack.isEmpty()) {
            throw new HeaderException(line, "#else or #endif without #if");
        }
        return stack.peek();
    }

    private boolean condition(String expression, int line) {
        Matcher m = Pattern.compile("defined\\s*\\(?\\s*(\\w+)\\s*\\)?").matcher(expression);
        if (!m.matches()) {
            throw new HeaderException(line, "unsupported #if expression '" + expression + "' (only defined(NAME))");
        }
        return macros.contains(m.group(1));
    }

    private void define(String line, int lineNo) {
        Matcher m = DEFINE.matcher(line);
        if (!m.matches()) {
            throw new HeaderException(lineNo, "cannot read #define");
        }
        macros.add(m.group(1));
        String body = m.group(2) == null ? "" : m.group(2).strip();
        if (INTEGER.matcher(body).matches()) {
            constants.put(m.group(1), Long.decode(body.replaceAll("[uUlL]+$", "")));
        }
    }

    private List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            Matcher m = TOKEN.matcher(line);
            int at = 0;
            while (at < line.length() && !line.substring(at).isBlank()) {
                if (!m.find(at) || m.start() != at) {
                    throw new HeaderException(n + 1, "unexpected character '" + line.strip().charAt(0) + "'");
                }
                String t = m.group(1);
                // CUSTOMS_API is an attribute macro: it marks exported functions and is otherwise invisible to the ABI.
                out.add(new Token(t, n + 1));
                at = m.end();
            }
        }
        return out;
    }

    // --- declarations --------------------------------------------------------------------------------------------

    private void declarations() {
        while (pos < tokens.size()) {
            Token first = tokens.get(pos);
            if (first.text().equals("typedef")) {
                pos++;
                typedef(first.line());
            } else if (first.text().equals("CUSTOMS_API")) {
                pos++;
                function(first.line());
            } else {
                throw new HeaderException(first.line(), "expected a typedef or a CUSTOMS_API function, found '"
                        + first.text() + "' (every exported function needs CUSTOMS_API)");
            }
        }
    }

    private void typedef(int line) {
        if (accept("enum")) {
            enumeration(line);
        } else if (accept("struct")) {
            String tag = peekIdentifier() ? next().text() : null;
            if (accept("{")) {
                List<Member> fields = new ArrayList<>();
                while (!accept("}")) {
                    Member field = member(true);
                    expect(";");
                    if (field.type().kind() == Kind.STRUCT || field.type().kind() == Kind.VOID) {
                        throw new HeaderException(line, "field " + field.name() + ": nested structs are not supported");
                    }
                    fields.add(field);
                }
                String name = identifier();
                expect(";");
                checkTag(tag, name, line);
                structs.put(name, new CHeader.Struct(name, List.copyOf(fields), line));
            } else {
                String name = identifier();
                expect(";");
                checkTag(tag, name, line);
                opaque.add(name);
            }
        } else {
            Type returnType = type();
            expect("(");
            expect("*");
            String name = identifier();
            expect(")");
            List<Member> parameters = parameters();
            expect(";");
            callbacks.put(name, new CHeader.Function(name, returnType, parameters, line));
        }
    }

    private void checkTag(String tag, String name, int line) {
        if (tag != null && !tag.equals(name)) {
            throw new HeaderException(line, "struct tag '" + tag + "' differs from its typedef name '" + name + "'");
        }
    }

    private void enumeration(int line) {
        String tag = peekIdentifier() ? next().text() : null;
        expect("{");
        Map<String, Long> values = new LinkedHashMap<>();
        long value = 0;
        while (!accept("}")) {
            String constant = identifier();
            if (accept("=")) {
                boolean negative = accept("-");
                Token number = next();
                if (!INTEGER.matcher(number.text()).matches()) {
                    throw new HeaderException(number.line(), "enum value must be an integer literal");
                }
                value = negative ? -Long.decode(number.text()) : Long.decode(number.text());
            }
            values.put(constant, value++);
            if (!accept(",")) {
                expect("}");
                break;
            }
        }
        String name = identifier();
        expect(";");
        if (tag != null && !tag.equals(name)) {
            throw new HeaderException(line, "enum tag '" + tag + "' differs from its typedef name '" + name + "'");
        }
        enums.put(name, values);
    }

    private void function(int line) {
        Type returnType = type();
        String name = identifier();
        List<Member> parameters = parameters();
        expect(";");
        if (functions.put(name, new CHeader.Function(name, returnType, parameters, line)) != null) {
            throw new HeaderException(line, "function " + name + " declared twice");
        }
    }

    private List<Member> parameters() {
        expect("(");
        List<Member> parameters = new ArrayList<>();
        if (accept("void") && accept(")")) {
            return List.of();
        }
        if (pos > 0 && tokens.get(pos - 1).text().equals("void")) {
            pos--; // "void *p": the void began a parameter's type
        }
        do {
            parameters.add(member(false));
        } while (accept(","));
        expect(")");
        return List.copyOf(parameters);
    }

    private Member member(boolean nameRequired) {
        Type type = type();
        String name = nameRequired || peekIdentifier() ? identifier() : "";
        if (peek().equals("[")) {
            throw new HeaderException(tokens.get(pos).line(), "arrays are not supported: use a pointer and a length");
        }
        return new Member(name, type);
    }

    private Type type() {
        int line = tokens.get(Math.min(pos, tokens.size() - 1)).line();
        StringBuilder spelling = new StringBuilder();
        while (accept("const")) {
            spelling.append("const ");
        }
        if (accept("struct") || accept("enum")) {
            throw new HeaderException(line, "use the typedef name, not 'struct X' or 'enum X', in declarations");
        }
        String base = identifier();
        spelling.append(base);
        while (accept("const")) {
            spelling.append(" const");
        }
        int stars = 0;
        while (accept("*")) {
            stars++;
            spelling.append(stars == 1 ? " *" : "*");
            accept("const");
        }
        if (stars > 0) {
            if (!SCALARS.containsKey(base) && !structs.containsKey(base) && !opaque.contains(base)
                    && !callbacks.containsKey(base) && !enums.containsKey(base)) {
                throw new HeaderException(line, "unknown type '" + base + "'");
            }
            return new Type(Kind.POINTER, spelling.toString(), null);
        }
        if (SCALARS.containsKey(base)) {
            return new Type(SCALARS.get(base), spelling.toString(), null);
        }
        if (structs.containsKey(base)) {
            return new Type(Kind.STRUCT, spelling.toString(), base);
        }
        if (callbacks.containsKey(base)) {
            return new Type(Kind.POINTER, spelling.toString(), null);
        }
        if (enums.containsKey(base)) {
            return new Type(Kind.I32, spelling.toString(), null);
        }
        if (opaque.contains(base)) {
            throw new HeaderException(line, "opaque type '" + base + "' can only be used behind a pointer");
        }
        throw new HeaderException(line, "unknown type '" + base + "'");
    }

    // --- token helpers -----------------------------------------------------------------------------------------------

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos).text() : "<end of header>";
    }

    private boolean peekIdentifier() {
        return pos < tokens.size() && tokens.get(pos).text().matches("[A-Za-z_]\\w*");
    }

    private Token next() {
        if (pos >= tokens.size()) {
            throw new HeaderException(tokens.isEmpty() ? 1 : tokens.getLast().line(), "unexpected end of header");
        }
        return tokens.get(pos++);
    }

    private boolean accept(String text) {
        if (peek().equals(text)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String text) {
        Token t = next();
        if (!t.text().equals(text)) {
            throw new HeaderException(t.line(), "expected '" + text + "', found '" + t.text() + "'");
        }
    }

    private String identifier() {
        Token t = next();
        if (!t.text().matches("[A-Za-z_]\\w*")) {
            throw new HeaderException(t.line(), "expected a name, found '" + t.text() + "'");
        }
        return t.text();
    }
}
