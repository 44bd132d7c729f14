package dev.customs.callbacks;

/** Async completion on JNA: the callback object is let go once the job is joined. */
class JnaAsyncCompletionTest extends AsyncCompletionContract {
    @Override
    String backend() {
        return "jna";
    }
}
