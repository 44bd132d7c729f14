/** Opens native libraries with real diagnostics: every place tried, the dynamic loader's reason, ELF checked first. */
module dev.customs.loader {
    exports dev.customs.loader;
}
