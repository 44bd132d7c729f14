package dev.customs.callbacks;

import dev.customs.api.Customs;
import dev.customs.api.Status;
import dev.customs.api.StatusException;
import dev.customs.api.UpcallGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;

/**
 * Java throwables become C status codes here, in one place: the way back of {@link Customs#check}, which turns a C
 * status into a {@link StatusException}. A table searched in order: the first entry whose type the throwable is an
 * instance of gives the status, and a throwable that matches no entry gets the table's fallback.
 *
 * <p>{@link #CUSTOMS} is libcustoms' table. A {@code StatusException} maps back to its own code, so a C status that
 * became a Java exception on the way up becomes the same C status on the way down:
 *
 * <table>
 *   <caption>What C sees when a guarded callback throws</caption>
 *   <tr><th>throwable</th><th>C status</th></tr>
 *   <tr><td>{@code StatusException}</td><td>its own code</td></tr>
 *   <tr><td>{@code NullPointerException}</td><td>{@code CUSTOMS_E_NULL}</td></tr>
 *   <tr><td>{@code IndexOutOfBoundsException}</td><td>{@code CUSTOMS_E_RANGE}</td></tr>
 *   <tr><td>{@code IllegalArgumentException}</td><td>{@code CUSTOMS_E_FORMAT}</td></tr>
 *   <tr><td>{@code IllegalStateException}</td><td>{@code CUSTOMS_E_STATE}</td></tr>
 *   <tr><td>{@code OutOfMemoryError}</td><td>{@code CUSTOMS_E_NOMEM}</td></tr>
 *   <tr><td>{@code TimeoutException}</td><td>{@code CUSTOMS_E_TIMEOUT}</td></tr>
 *   <tr><td>anything else (including {@code ErrnoException}: errno has no {@code customs_status})</td>
 *       <td>{@link Customs#CALLBACK_THREW}</td></tr>
 * </table>
 *
 * <p>The status only tells C why to stop. The throwable itself still reaches Java: the guard keeps it and rethrows it
 * on the calling thread.
 */
public final class ExceptionStatus implements ToIntFunction<Throwable> {
    /** libcustoms' table (above). */
    public static final ExceptionStatus CUSTOMS = builder()
            .map(StatusException.class, StatusException::code)
            .map(NullPointerException.class, Status.E_NULL.code())
            .map(IndexOutOfBoundsException.class, Status.E_RANGE.code())
            .map(IllegalArgumentException.class, Status.E_FORMAT.code())
            .map(IllegalStateException.class, Status.E_STATE.code())
            .map(OutOfMemoryError.class, Status.E_NOMEM.code())
            .map(TimeoutException.class, Status.E_TIMEOUT.code())
            .otherwise(Customs.CALLBACK_THREW);

    private record Entry<T extends Throwable>(Class<T> type, ToIntFunction<? super T> status) {
        int statusOf(Throwable t) {
            return status.applyAsInt(type.cast(t));
        }
    }

    private final List<Entry<?>> entries;
    private final int fallback;

    private ExceptionStatus(List<Entry<?>> entries, int fallback) {
        this.entries = List.copyOf(entries);
        this.fallback = fallback;
    }

    /** An empty table, to fill for another C library's statuses. */
    public static Builder builder() {
        return new Builder();
    }

    /** The status for {@code t}: the first matching entry's, else the fallback. */
    public int statusOf(Throwable t) {
        Objects.requireNonNull(t, "t");
        for (Entry<?> e : entries) {
            if (e.type().isInstance(t)) {
                return e.statusOf(t);
            }
        }
        return fallback;
    }

    @Override
    public int applyAsInt(Throwable t) {
        return statusOf(t);
    }

    /** The status of a throwable no entry matches. */
    public int fallback() {
        return fallback;
    }

    /** A new guard that hands C the status this table gives each throwable. */
    public UpcallGuard guard() {
        return new UpcallGuard(this, fallback);
    }

    /** Builds a table; entries are searched in the order they are added, so add subclasses first. */
    public static final class Builder {
        private final List<Entry<?>> entries = new ArrayList<>();

        private Builder() {}

        /** Throwables of {@code type} map to {@code status}. */
        public Builder map(Class<? extends Throwable> type, int status) {
            return map(type, t -> status);
        }

        /** Throwables of {@code type} map to what {@code status} computes from them. */
        public <T extends Throwable> Builder map(Class<T> type, ToIntFunction<? super T> status) {
            entries.add(new Entry<>(Objects.requireNonNull(type, "type"), Objects.requireNonNull(status, "status")));
            return this;
        }

        /** The table, with {@code fallback} for throwables no entry matches. */
        public ExceptionStatus otherwise(int fallback) {
            return new ExceptionStatus(entries, fallback);
        }
    }
}
