/*
 * A shared object that cannot load: it needs a data symbol nobody defines. Data symbols are bound when the object is
 * loaded (even with RTLD_LAZY), so dlopen fails with "undefined symbol: customs_symbol_nobody_defines" - the kind of
 * reason FFM's "Cannot open library" hides (the loader diagnostics test and the demo's loader scenario use it).
 */
extern int customs_symbol_nobody_defines;

int customs_unresolved_probe(void);

int customs_unresolved_probe(void) {
    return customs_symbol_nobody_defines;
}
