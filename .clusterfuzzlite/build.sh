#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build of the Customs fuzz targets (run by the builder's `compile` in $SRC/customs).
#
# What the builder provides: $CC and $CFLAGS with this build's sanitizer (ASan or UBSan) and libFuzzer coverage
# (-fsanitize=fuzzer-no-link), $OUT for everything the fuzzers need at run time, $WORK for scratch, and jazzer_driver,
# jazzer_driver_with_sanitizer and jazzer_agent_deploy.jar (copied into $OUT by `compile`). The Dockerfile adds JDK 25
# as $CUSTOMS_JDK.
#
# What lands in $OUT, for each real target (`FuzzMain --list --machine`; the planted bug is left out, it would be
# reported on every run):
#   TARGET                   the fuzzer: a wrapper running jazzer_driver_with_sanitizer on the target class
#   TARGET_seed_corpus.zip   the target's checked-in seeds
# and, shared: jdk/ (the JDK the fuzzers run on), lib/ (the fuzz jar, the bindings, JNA), native/libcustoms.so.
# .clusterfuzzlite/check-locally.sh runs this script outside Docker; fuzz/README.md says what that covers.
cd "$SRC/customs"
export JAVA_HOME="${CUSTOMS_JDK:?set CUSTOMS_JDK to a JDK 22 or newer}"

# libcustoms with the builder's flags only: they already hold the sanitizer and the coverage instrumentation, so
# Customs' own CUSTOMS_SANITIZE / CUSTOMS_FUZZ_COVERAGE options stay off.
cmake -S . -B "$WORK/native" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$CFLAGS" \
      -DBUILD_TESTING=OFF
cmake --build "$WORK/native" --parallel "$(nproc)" --target customs
mkdir -p "$OUT/native" "$OUT/lib"
cp "$WORK/native/lib/libcustoms.so" "$OUT/native/"

# The Java side: the fuzz module and what it depends on at run time, without Jazzer itself (the builder's agent is
# the one that runs) and without the command-line runner's picocli.
./mvnw -B -q --no-transfer-progress -DskipTests -Dcustoms.native.skip=true -pl fuzz -am package
cp fuzz/target/customs-fuzz-*.jar "$OUT/lib/customs-fuzz.jar"
tr ':' '\n' < fuzz/target/fuzz.classpath | grep -v -e '/jazzer' -e '/picocli' | while read -r jar; do
  cp "$jar" "$OUT/lib/"
done
rm -rf "$OUT/jdk" && cp -r "$JAVA_HOME" "$OUT/jdk"

CLASSPATH_AT_RUNTIME=$(cd "$OUT/lib" && ls ./*.jar | sed 's|^\./|$this_dir/lib/|' | paste -sd: -)
"$JAVA_HOME/bin/java" -cp "fuzz/target/classes:$(cat fuzz/target/fuzz.classpath)" dev.customs.fuzz.FuzzMain \
    --list --machine | while IFS=$'\t' read -r name class seeds includes role; do
  [ "$role" = real ] || continue
  (cd "$seeds" && zip -q -j "$OUT/${name}_seed_corpus.zip" ./*)
  # The wrapper's first comment line is how ClusterFuzzLite recognises a fuzzer.
  cat > "$OUT/$name" <<WRAPPER
#!/bin/bash
# LLVMFuzzerTestOneInput: Customs fuzz target '$name' ($class), run by Jazzer.
this_dir=\$(dirname "\$0")
export JAVA_HOME="\$this_dir/jdk"
export LD_LIBRARY_PATH="\$this_dir/jdk/lib/server:\$this_dir/native\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
export ASAN_OPTIONS="\${ASAN_OPTIONS:-}:detect_leaks=0"
exec "\$this_dir/jazzer_driver_with_sanitizer" --agent_path="\$this_dir/jazzer_agent_deploy.jar" \\
  --cp="$CLASSPATH_AT_RUNTIME" \\
  --target_class=$class \\
  --instrumentation_includes='$includes' \\
  --jvm_args="-Xmx2048m:-Xss1024k:--enable-native-access=ALL-UNNAMED:--sun-misc-unsafe-memory-access=allow:-Djna.nosys=true:-Dcustoms.library=\$this_dir/native/libcustoms.so" \\
  "\$@"
WRAPPER
  chmod +x "$OUT/$name"
done
