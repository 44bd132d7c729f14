package dev.customs.api;

import dev.customs.callbacks.ExceptionStatus;
import dev.customs.callbacks.NativeThreadContext;
import dev.customs.callbacks.UpcallGuard;
import java.util.concurrent.TimeoutException;

/**
 * The toolkit's guard and exception table, configured for libcustoms: its statuses, and one wrapper per callback type
 * of the {@link Customs} API. The wrappers are written out per type, not generic, so that the {@code try} sits directly
 * in the upcall and nothing is allocated per call on the hot path.
 *
 * <p>{@link #STATUSES} is libcustoms' table. A {@code StatusException} maps back to its own code, so a C status that
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
 */
public final class CustomsGuards {
    /** libcustoms' exception table (above). */
    public static final ExceptionStatus STATUSES = ExceptionStatus.builder()
            .map(StatusException.class, StatusException::code)
            .map(NullPointerException.class, Status.E_NULL.code())
            .map(IndexOutOfBoundsException.class, Status.E_RANGE.code())
            .map(IllegalArgumentException.class, Status.E_FORMAT.code())
            .map(IllegalStateException.class, Status.E_STATE.code())
            .map(OutOfMemoryError.class, Status.E_NOMEM.code())
            .map(TimeoutException.class, Status.E_TIMEOUT.code())
            .otherwise(Customs.CALLBACK_THREW);

    private CustomsGuards() {}

    /** A guard that hands C {@link Customs#CALLBACK_THREW} whatever was thrown. */
    public static UpcallGuard guard() {
        return new UpcallGuard(Customs.CALLBACK_THREW);
    }

    /** {@code callback}, guarded by {@code guard}. */
    public static ItemCallback items(UpcallGuard guard, ItemCallback callback) {
        requireBoth(guard, callback);
        return (index, item) -> {
            try {
                return callback.onItem(index, item);
            } catch (Throwable t) {
                return guard.capture(t);
            }
        };
    }

    /** {@code callback}, guarded by {@code guard}. */
    public static ThreadCallback threads(UpcallGuard guard, ThreadCallback callback) {
        requireBoth(guard, callback);
        return (thread, call) -> {
            try {
                return callback.onCall(thread, call);
            } catch (Throwable t) {
                return guard.capture(t);
            }
        };
    }

    /** {@code callback}, guarded by {@code guard}. */
    public static AsyncCallback async(UpcallGuard guard, AsyncCallback callback) {
        requireBoth(guard, callback);
        return value -> {
            try {
                return callback.onComplete(value);
            } catch (Throwable t) {
                return guard.capture(t);
            }
        };
    }

    /** {@code callback}, run inside {@code context}. Guard it as well: a context catches nothing. */
    public static ThreadCallback inContext(NativeThreadContext context, ThreadCallback callback) {
        requireBoth(context, callback);
        return (thread, call) -> {
            context.enter();
            try {
                return callback.onCall(thread, call);
            } finally {
                context.exit();
            }
        };
    }

    private static void requireBoth(Object first, Object callback) {
        java.util.Objects.requireNonNull(first);
        java.util.Objects.requireNonNull(callback, "callback");
    }
}
