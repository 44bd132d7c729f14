/**
 * Customs' binding checker: FFM bindings (jextract output or hand-written) checked against a C header, with the C
 * compiler as the judge. JDK only; it runs {@code cc} and {@code c++} and never parses C itself.
 */
module dev.customs.checker {
    exports dev.customs.checker;
}
