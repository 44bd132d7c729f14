/** Handing Java arrays to native code under enforced rules: heap segments, copies, direct buffers. */
module dev.customs.pinning {
    exports dev.customs.pinning;
}
