/** A binding of libc's qsort, built on the Customs toolkit only. */
module example.qsort {
    requires dev.customs.loader;
    requires dev.customs.callbacks;
    requires dev.customs.pinning;
    requires dev.customs.lifetime;
    exports example.qsort;
}
