#!/usr/bin/env bash
# Exercises build.sh without Docker, as far as that goes: a copy of the working tree as $SRC/customs, temporary $OUT
# and $WORK, OSS-Fuzz's address-build flags in $CC/$CFLAGS, then build.sh itself. OSS-Fuzz's native
# jazzer_driver_with_sanitizer is not available here, so a stand-in translates its flags (--cp, --jvm_args) for
# Jazzer's Java launcher and preloads what it would. Each generated fuzzer then runs its seeds and a few hundred
# mutations, and must exit 0.
#
# Not exercised here: the Docker image itself, the real jazzer_driver, and OSS-Fuzz's UBSan and coverage builds.
#   usage: CUSTOMS_JDK=/path/to/jdk-25 .clusterfuzzlite/check-locally.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CUSTOMS_JDK="${CUSTOMS_JDK:-${JAVA_HOME:?set CUSTOMS_JDK (or JAVA_HOME) to a JDK 22 or newer}}"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/customs-cflite-XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
export SRC="$TMP/src" OUT="$TMP/out" WORK="$TMP/work"
mkdir -p "$SRC/customs" "$OUT" "$WORK"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$SRC/customs"
cp "$ROOT/.clusterfuzzlite/build.sh" "$SRC/"

# The flags OSS-Fuzz's `compile` gives a JVM project's address build.
export CC=clang
export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address -fsanitize-address-use-after-scope \
-fsanitize=fuzzer-no-link -fno-sanitize=leak"
echo "check: build.sh (SRC=$SRC OUT=$OUT WORK=$WORK)"
(cd "$SRC/customs" && bash -eu "$SRC/build.sh")

fail() { echo "check: FAILED: $*" >&2; exit 1; }
# The symbol table is read once, not piped into `grep -q`: grep stops at the first match, nm dies of SIGPIPE, and
# pipefail turns a found symbol into a failure whenever nm still had output to write.
symbols="$(nm -D "$OUT/native/libcustoms.so")"
grep -q __asan_report <<< "$symbols" || fail "libcustoms.so in \$OUT is not built with ASan"
grep -q __sanitizer_cov_8bit_counters_init <<< "$symbols" || fail "libcustoms.so has no libFuzzer coverage"
fuzzers=$(cd "$OUT" && find . -maxdepth 1 -type f -perm -u+x ! -name 'jazzer*' -printf '%f\n' | LC_ALL=C sort | paste -sd' ' -)
[ "$fuzzers" = "callbacks differential handoff lifetime listener parser safe-api sqlite-exec zlib-inflate" ] || fail "fuzzers in \$OUT: '$fuzzers'"
[ ! -e "$OUT/planted-bug" ] || fail "the planted bug was shipped"
echo "check: the wrapper build.sh wrote for parser:"
sed 's/^/  | /' "$OUT/parser"

# Stand-in for jazzer_driver_with_sanitizer: preloads Jazzer's preload library and the ASan runtime, maps the native
# launcher's flags onto the Java launcher. Jazzer and its API take the place of jazzer_agent_deploy.jar, which holds both.
JAZZER_JAR="$(tr ':' '\n' < "$SRC/customs/fuzz/target/fuzz.classpath" | grep '/jazzer-[0-9]')"
unzip -p "$JAZZER_JAR" com/code_intelligence/jazzer/jazzer_preload_linux_x86_64/libjazzer_preload.so > "$TMP/libjazzer_preload.so"
export CHECK_JAZZER_JAR="$(tr ':' '\n' < "$SRC/customs/fuzz/target/fuzz.classpath" | grep '/jazzer' | paste -sd: -)"
export CHECK_PRELOAD="$TMP/libjazzer_preload.so:$(clang -print-file-name=libclang_rt.asan-x86_64.so)"
cat > "$OUT/jazzer_driver_with_sanitizer" <<'DRIVER'
#!/usr/bin/env bash
jvm=() cp="" args=()
for a in "$@"; do
  case "$a" in
    --agent_path=*) ;;
    --cp=*) cp="${a#--cp=}" ;;
    --jvm_args=*) IFS=: read -ra jvm <<< "${a#--jvm_args=}" ;;
    *) args+=("$a") ;;
  esac
done
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
LD_PRELOAD="$CHECK_PRELOAD" exec "$JAVA_HOME/bin/java" -XX:+EnableDynamicAgentLoading -Xshare:off "${jvm[@]}" \
  "-Djava.io.tmpdir=$WORK" -cp "$cp:$CHECK_JAZZER_JAR" com.code_intelligence.jazzer.Jazzer "${args[@]}"
DRIVER
chmod +x "$OUT/jazzer_driver_with_sanitizer"

for f in $fuzzers; do
  seeds="$WORK/seeds-$f"
  mkdir -p "$seeds" && unzip -q "$OUT/${f}_seed_corpus.zip" -d "$seeds"
  echo "check: $OUT/$f on its $(ls "$seeds" | wc -l) seeds, then 300 runs"
  if ! "$OUT/$f" -runs=300 -artifact_prefix="$WORK/" "$seeds" > "$WORK/$f.log" 2>&1; then
    tail -30 "$WORK/$f.log"
    fail "$f did not run cleanly (its output ends above)"
  fi
  grep -q "cov: " "$WORK/$f.log" || { tail -30 "$WORK/$f.log"; fail "$f: no native coverage reached Jazzer"; }
done
echo "check: build.sh produced $fuzzers; each ran its seeds with ASan and native coverage"
