package dev.customs.api;

/**
 * A libcustoms function returned a negative {@code customs_status}. Carries the code and the C library's own name and
 * message for it ({@code customs_status_name}, {@code customs_status_message}), so Java shows what C meant.
 */
public final class StatusException extends CustomsException {
    private final int code;
    private final String cName;
    private final String cMessage;
    private final String detail;

    public StatusException(String function, int code, String cName, String cMessage, String detail) {
        super(function, cName + " (" + code + "): " + cMessage + (detail == null ? "" : " [" + detail + "]"));
        this.code = code;
        this.cName = cName;
        this.cMessage = cMessage;
        this.detail = detail;
    }

    /** The C status code. */
    public int code() {
        return code;
    }

    /** The status as {@link Status}, or null for a code the header does not declare. */
    public Status status() {
        return Status.fromCode(code);
    }

    /** The C name, e.g. {@code CUSTOMS_E_RANGE}. */
    public String cName() {
        return cName;
    }

    /** The C library's message for the code. */
    public String cMessage() {
        return cMessage;
    }

    /** Extra context from the call (e.g. the parser's error offset), or null. */
    public String detail() {
        return detail;
    }
}
