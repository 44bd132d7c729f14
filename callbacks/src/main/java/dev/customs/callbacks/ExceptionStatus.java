package dev.customs.callbacks;

import dev.customs.callbacks.UpcallGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;

/**
 * Java throwables become C status codes here, in one place, for a C library whose callbacks return a status: a table
 * searched in order. The first entry whose type the throwable is an instance of gives the status, and a throwable that
 * matches no entry gets the table's fallback.
 *
 * {@snippet :
 * ExceptionStatus statuses = ExceptionStatus.builder()
 *         .map(IllegalArgumentException.class, MYLIB_E_INVALID)      // subclasses first: searched in order
 *         .map(OutOfMemoryError.class, MYLIB_E_NOMEM)
 *         .otherwise(MYLIB_E_CALLBACK);
 * UpcallGuard guard = statuses.guard();                              // C sees the status, Java gets the throwable
 * }
 *
 * <p>The status only tells C why to stop. The throwable itself still reaches Java: the guard keeps it and rethrows it
 * on the calling thread.
 */
public final class ExceptionStatus implements ToIntFunction<Throwable> {
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
