package dev.customs.api;

/**
 * {@code enum customs_status} from customs.h. The conformance check fails the build when a code here and in the header
 * differ, so this mirror cannot drift.
 */
public enum Status {
    OK(0),
    E_NULL(-1),
    E_RANGE(-2),
    E_TRUNCATED(-3),
    E_FORMAT(-4),
    E_NOMEM(-5),
    E_STATE(-6),
    E_THREAD(-7),
    E_TIMEOUT(-8);

    private final int code;

    Status(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The C enumerator's name, e.g. {@code CUSTOMS_E_RANGE}. */
    public String cName() {
        return "CUSTOMS_" + name();
    }

    /** The status with that code, or null. */
    public static Status fromCode(int code) {
        for (Status s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
