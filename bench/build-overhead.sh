#!/usr/bin/env bash
# (c) What IdpDynamo.Build adds to `dotnet build` of a minimal consumer project that does not use the generated code:
# the same project (AWSSDK.DynamoDBv2, a few classes) built WITHOUT and WITH the PackageReference + one IdpDynamoValues
# item (a generated 10-table values file), paired and interleaved, median of N (default 5) rounds of:
#   full build   bin/ and obj/Debug removed (restore kept: it is not ours), `dotnet build --no-restore`
#   no-op build  the same command again, nothing changed
# and the task's own time on a warm MSBuild node: the values file touched (so the task runs), `dotnet build -bl` with
# the MSBuild server (DOTNET_CLI_USE_MSBUILD_SERVER=1: the build node and the loaded task stay alive between builds),
# the binary log replayed to a diagnostic log, and ValidateDynamoValues read from its Task Performance Summary.
# Targets: no-op overhead <= 1 %, full build overhead <= 5 %, task <= 5 ms (10 tables, warm node).
# EXTRA_SOURCES="name=file.cs ..." adds, per entry, the project without the package plus that file as an ordinary source
# (e.g. the generated accessors of two generator versions, from `IdpDynamo.Benchmarks generator-source`), built in the
# same rounds: what compiling that code costs, paired against the project without it.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
N="${N:-5}"
OUT="$WORK/build-overhead"

pack_package
rm -rf "$OUT"
scaffold_root "$OUT"
dotnet "$BENCH" generate 10 "$OUT/apps/bench-test/orders/dynamodb/values.yaml" >/dev/null
bench_application "$OUT/apps/bench-test/orders/dynamodb/application.yaml"

consumer() { # consumer NAME WITH_PACKAGE
  local name=$1 with=$2 dir="$OUT/$1"
  mkdir -p "$dir"
  {
    echo '<Project Sdk="Microsoft.NET.Sdk">'
    echo '  <PropertyGroup>'
    echo '    <OutputType>Exe</OutputType>'
    echo '    <TargetFramework>net10.0</TargetFramework>'
    echo '    <Nullable>enable</Nullable>'
    echo '    <ImplicitUsings>enable</ImplicitUsings>'
    echo "    <RootNamespace>Consumer</RootNamespace>"
    echo '  </PropertyGroup>'
    echo '  <ItemGroup>'
    echo '    <PackageReference Include="AWSSDK.DynamoDBv2" Version="[4.0.110]" />'
    if [ "$with" = 1 ]; then
      echo "    <PackageReference Include=\"IdpDynamo.Build\" Version=\"$IDPDYN_VERSION\" PrivateAssets=\"all\" />"
      echo '    <IdpDynamoValues Include="../apps/bench-test/orders/dynamodb/values.yaml" />'
    fi
    echo '  </ItemGroup>'
    echo '</Project>'
  } > "$dir/$name.csproj"
  cat > "$dir/Program.cs" <<'CS'
using Amazon.DynamoDBv2.Model;

namespace Consumer;

public static class Program
{
    public static int Main(string[] args)
    {
        var request = new GetItemRequest { TableName = args.Length > 0 ? args[0] : "none" };
        Console.WriteLine(Greeter.Greet(request.TableName));
        return 0;
    }
}
CS
  for i in 1 2 3 4 5; do
    cat > "$dir/Greeter$i.cs" <<CS
namespace Consumer;

internal static class Greeter$i
{
    public static string Twice(string s) => s + s + "$i";
}
CS
  done
  cat > "$dir/Greeter.cs" <<'CS'
namespace Consumer;

internal static class Greeter
{
    public static string Greet(string table) => $"table {table}: " + Greeter1.Twice(table).Length;
}
CS
}
consumer Plain 0
consumer WithPackage 1
EXTRA=()
for entry in ${EXTRA_SOURCES:-}; do
  name="Plain${entry%%=*}"
  consumer "$name" 0
  cp "${entry#*=}" "$OUT/$name/Generated.cs"
  EXTRA+=("$name")
done

echo "== restore and warm-up (build servers, compiler server)"
for p in Plain WithPackage "${EXTRA[@]}"; do
  flock -o "$LOCK" dotnet restore "$OUT/$p" -nologo -v:q >/dev/null
  dotnet build "$OUT/$p" --no-restore -nologo -v:q >/dev/null
done
dotnet build "$OUT/WithPackage" --no-restore -nologo -v:m -clp:NoSummary | grep -E "IDPDYN|error|warn" | head -5 || true

full() { rm -rf "$OUT/$1/bin" "$OUT/$1/obj/Debug"; dotnet build "$OUT/$1" --no-restore -nologo -v:q; }
noop() { dotnet build "$OUT/$1" --no-restore -nologo -v:q; }

declare -A T
for ((round = 1; round <= N; round++)); do
  line="  round $round (ms):"
  for p in Plain WithPackage; do
    f=$(ms full "$p"); n=$(ms noop "$p")
    T[full-$p]+="$f "
    T[noop-$p]+="$n "
    line+=" $p full $f, no-op $n;"
  done
  for p in "${EXTRA[@]}"; do
    f=$(ms full "$p")
    T[full-$p]+="$f "
    line+=" $p full $f;"
  done
  echo "$line"
done

m() { tr ' ' '\n' <<<"${T[$1]}" | grep . | median; }
# pairedms A B: the median of the per-round differences A - B of full builds, in ms.
pairedms() { paste <(tr ' ' '\n' <<<"${T[full-$1]}" | grep .) <(tr ' ' '\n' <<<"${T[full-$2]}" | grep .) | awk '{print $1 - $2}' | median; }
paired() { paste <(tr ' ' '\n' <<<"${T[$1-WithPackage]}" | grep .) <(tr ' ' '\n' <<<"${T[$1-Plain]}" | grep .) | awk '{print ($1 - $2) / $2 * 100}' | median; }

# Where the difference goes, from binary logs (MSBuild's own clock, without the dotnet host's start-up): per project the
# build's elapsed time, the evaluation, CoreCompile (compiler + our generator and analyzers) and the package's targets.
echo "== binary-log breakdown (3 builds of each kind)"
target_ms() { awk -v t="$2" '/Target Performance Summary/ {a=1} /Task Performance Summary/ {a=0} a && $3 == t {print $1; exit}' "$1"; }
elapsed_ms() { grep -m1 -oE 'Time Elapsed [0-9:.]+' "$1" | awk '{split($3, t, /[:.]/); print (t[1] * 3600 + t[2] * 60 + t[3]) * 1000 + t[4] * 10}'; }
eval_ms() { awk '/Project Evaluation Performance Summary/ {getline; print $1; exit}' "$1"; }
declare -A B
for kind in full noop; do
  for ((i = 1; i <= 3; i++)); do
    for p in Plain WithPackage; do
      [ "$kind" = full ] && rm -rf "$OUT/$p/bin" "$OUT/$p/obj/Debug"
      dotnet build "$OUT/$p" --no-restore -nologo -v:q "-bl:$OUT/$kind-$p-$i.binlog" >/dev/null
      log=$(replay "$OUT/$kind-$p-$i.binlog")
      B[$kind-$p-elapsed]+="$(elapsed_ms "$log") "
      B[$kind-$p-eval]+="$(eval_ms "$log") "
      B[$kind-$p-csc]+="$(target_ms "$log" CoreCompile) "
      own=0
      for t in IdpDynamoAddAdditionalFiles _IdpDynamoWriteSettings IdpDynamoValidateValues; do
        own=$((own + $(target_ms "$log" "$t" || true) + 0))
      done
      B[$kind-$p-own]+="$own "
    done
  done
done
bm() { tr ' ' '\n' <<<"${B[$1]}" | grep . | median; }

echo "== task time on a warm node (MSBuild server), values file touched before each build"
# The MSBuild server needs node reuse; this machine's environment may turn it off (MSBUILDDISABLENODEREUSE=1).
saved_nodereuse="${MSBUILDDISABLENODEREUSE-}"
unset MSBUILDDISABLENODEREUSE
export DOTNET_CLI_USE_MSBUILD_SERVER=1
task_ms=()
for ((i = 0; i <= N; i++)); do
  touch "$OUT/apps/bench-test/orders/dynamodb/values.yaml"
  dotnet build "$OUT/WithPackage" --no-restore -nologo -v:q "-bl:$OUT/task-$i.binlog" >/dev/null
  [ "$i" = 0 ] && continue # the first build starts the server and loads the task: not warm
  log=$(replay "$OUT/task-$i.binlog")
  task_ms+=("$(grep -E '^\s+[0-9]+ ms\s+(IdpDynamo\.Build\.Tasks\.)?ValidateDynamoValues\s' "$log" | awk '{print $1}' | head -1)")
done
dotnet build-server shutdown --msbuild >/dev/null 2>&1 || true
unset DOTNET_CLI_USE_MSBUILD_SERVER
[ -n "$saved_nodereuse" ] && export MSBUILDDISABLENODEREUSE="$saved_nodereuse"
# The same without the server: a fresh `dotnet build` process loads and JITs the task every time (cold).
touch "$OUT/apps/bench-test/orders/dynamodb/values.yaml"
dotnet build "$OUT/WithPackage" --no-restore -nologo -v:q "-bl:$OUT/task-cold.binlog" >/dev/null
cold_ms=$(grep -E '^\s+[0-9]+ ms\s+(IdpDynamo\.Build\.Tasks\.)?ValidateDynamoValues\s' "$(replay "$OUT/task-cold.binlog")" | awk '{print $1}' | head -1)

report="$WORK/build-overhead.txt"
{
  echo "build-overhead: N=$N paired, interleaved rounds; $(date -u +%FT%TZ); $(machine)"
  printf '  %-10s %12s %14s %10s %18s   target\n' build "without ms" "with pkg ms" "overhead" "paired overhead"
  for k in full noop; do
    a=$(m "$k-Plain"); b=$(m "$k-WithPackage")
    printf '  %-10s %12s %14s %9.1f%% %17.1f%%   %s\n' "$k" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN {print (b - a) / a * 100}')" "$(paired "$k")" "$([ $k = full ] && echo '<= 5 %' || echo '<= 1 %')"
  done
  echo "  full build, median of the paired differences: with the package $(pairedms WithPackage Plain) ms (target <= +60 ms)"
  for p in "${EXTRA[@]}"; do
    echo "  full build, median of the paired differences: $p (the project plus ${p#Plain}'s source) $(pairedms "$p" Plain) ms; runs: ${T[full-$p]}"
  done
  echo "  runs full without: ${T[full-Plain]}| with: ${T[full-WithPackage]}"
  echo "  runs noop without: ${T[noop-Plain]}| with: ${T[noop-WithPackage]}"
  echo "  from binary logs (median of 3; MSBuild's own clock, no dotnet host start-up), ms:"
  printf '    %-6s %-12s %9s %11s %12s %18s\n' build project elapsed evaluation CoreCompile "IdpDynamo targets"
  for k in full noop; do
    for p in Plain WithPackage; do
      printf '    %-6s %-12s %9s %11s %12s %18s\n' "$k" "$p" "$(bm "$k-$p-elapsed")" "$(bm "$k-$p-eval")" "$(bm "$k-$p-csc")" "$(bm "$k-$p-own")"
    done
    a=$(bm "$k-Plain-elapsed"); b=$(bm "$k-WithPackage-elapsed")
    echo "    $k: overhead by MSBuild's clock $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.1f", (b - a) / a * 100}') %; the package's own targets $(bm "$k-WithPackage-own") ms = $(awk -v o="$(bm "$k-WithPackage-own")" -v a="$a" 'BEGIN {printf "%.1f", o / a * 100}') % of the build without it"
  done
  echo "  ValidateDynamoValues (10 tables), warm node: median $(printf '%s\n' "${task_ms[@]}" | median) ms (runs: ${task_ms[*]}); target <= 5 ms"
  echo "  ValidateDynamoValues, cold (new dotnet build process, task loaded and JIT-compiled): $cold_ms ms"
} | tee "$report"
echo "(written to $report; binary logs in $OUT)"
