package dev.customs.callbacks;

/** Async completion on FFM: the stub's arena is closed once the job is joined. */
class FfmAsyncCompletionTest extends AsyncCompletionContract {
    @Override
    String backend() {
        return "ffm";
    }
}
