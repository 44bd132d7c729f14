package dev.customs.fuzz.targets;

import dev.customs.api.Customs;
import dev.customs.api.RecordInfo;
import dev.customs.api.Status;
import dev.customs.api.StatusException;

/**
 * What parsing one record gave: the {@link RecordInfo} of an accepted record, or the status and error offset of a
 * rejected one (the header leaves every other field unspecified on error, so they are not compared).
 */
record ParseResult(RecordInfo info, Status status, int errorOffset) {
    private static final String OFFSET_DETAIL = "error at offset ";

    static ParseResult accepted(RecordInfo info) {
        return new ParseResult(info, Status.OK, -1);
    }

    static ParseResult rejected(Status status, int errorOffset) {
        return new ParseResult(null, status, errorOffset);
    }

    /**
     * {@code customs.parseRecord(data, offset, length)}, as a result. A rejection must be a {@link StatusException}
     * with a status the header declares and the error offset in its detail; anything else is a violation.
     */
    static ParseResult of(Customs customs, byte[] data, int offset, int length) {
        try {
            return accepted(customs.parseRecord(data, offset, length));
        } catch (StatusException e) {
            Expect.that(e.status() != null, () -> customs.backend() + ": undeclared status " + e.code() + ": " + e);
            String detail = e.detail();
            Expect.that(detail != null && detail.startsWith(OFFSET_DETAIL),
                    () -> customs.backend() + ": rejection without an error offset: " + e);
            return rejected(e.status(), Integer.parseInt(detail.substring(OFFSET_DETAIL.length())));
        }
    }

    @Override
    public String toString() {
        return info != null ? info.toString() : status.cName() + " at offset " + errorOffset;
    }
}
