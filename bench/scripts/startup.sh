#!/usr/bin/env bash
# Start-up of short commands, fresh processes, variants alternated run by run (docs/benchmarks.md, "Start-up").
#
#   bench/scripts/startup.sh [RUNS] [VARIANT...]
#
# Variants: launcher-version, launcher-local, jar-version, jar-local, cds-version, cds-local, flags-local,
# help, usage-error, and old-jar-version, old-jar-local, old-cds-version, old-cds-local, old-launcher-version,
# old-launcher-local. "launcher-*" go through ./vodupload (with its CDS archive), "jar-*" are plain
# `java -jar`, "cds-*" are `java -jar` with the launcher's archive, "flags-local" the same with the JVM
# options in FLAGS; "old-*" run the jar OLD_JAR (with the archive OLD_ARCHIVE), to compare a build before a
# change in the same alternating run, and "old-launcher-*" run OLD_LAUNCHER, the ./vodupload of a checkout
# of that build. "local" uploads a 300 KB file to a fresh local store. Prints one line per run and then the
# medians of wall s, CPU s (user+sys) and peak RSS MiB per variant (/usr/bin/time -v's fields). Run
# ./vodupload --version once first, so the jar and its archive exist.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/app-cli/target/vodupload.jar"
runs="${1:-10}"; shift || true
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(launcher-version launcher-local jar-version jar-local)
archive="$(ls "$root"/app-cli/target/vodupload-*.jsa 2>/dev/null | head -n 1 || true)"
cds=(-Xshare:auto -XX:SharedArchiveFile="$archive" -Xlog:cds=off,cds+dynamic=off)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
head -c 300000 /dev/urandom >"$work/sample.mp4"

run() { # VARIANT: the command line of one run
    local v="$1" up=(upload "$work/sample.mp4" --store "$work/store" --checkpoint-dir "$work/ckpt" -q)
    case "$v" in
        launcher-version) echo "$root/vodupload" --version ;;
        launcher-local) echo "$root/vodupload" "${up[@]}" ;;
        jar-version) echo java -jar "$jar" --version ;;
        jar-local) echo java -jar "$jar" "${up[@]}" ;;
        cds-version) echo java "${cds[@]}" -jar "$jar" --version ;;
        cds-local) echo java "${cds[@]}" -jar "$jar" "${up[@]}" ;;
        flags-local) echo java "${cds[@]}" ${FLAGS:-} -jar "$jar" "${up[@]}" ;;
        help) echo "$root/vodupload" --help ;;
        usage-error) echo "$root/vodupload" upload ;;
        old-jar-version) echo java -jar "$OLD_JAR" --version ;;
        old-jar-local) echo java -jar "$OLD_JAR" "${up[@]}" ;;
        old-cds-version) echo java -Xshare:auto -XX:SharedArchiveFile="$OLD_ARCHIVE" -Xlog:cds=off -jar "$OLD_JAR" --version ;;
        old-cds-local) echo java -Xshare:auto -XX:SharedArchiveFile="$OLD_ARCHIVE" -Xlog:cds=off -jar "$OLD_JAR" "${up[@]}" ;;
        old-launcher-version) echo "$OLD_LAUNCHER" --version ;;
        old-launcher-local) echo "$OLD_LAUNCHER" "${up[@]}" ;;
        *) echo "unknown variant $v" >&2; exit 2 ;;
    esac
}

results="$work/results"
: >"$results"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for r in $(seq "$runs"); do
    n=${#variants[@]}
    for i in $(seq 0 $((n - 1))); do
        v="${variants[$(((i + r) % n))]}"
        rm -rf "$work/store" "$work/ckpt"
        # shellcheck disable=SC2046
        /usr/bin/time -v -o "$work/time" $(run "$v") >/dev/null 2>"$work/stderr" || true
        wall="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
            for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time")"
        cpu="$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$work/time")"
        rss="$(awk -F': ' '/Maximum resident/ { printf "%.0f", $2 / 1024 }' "$work/time")"
        code="$(awk -F': ' '/Exit status/ { print $2 }' "$work/time")"
        printf '%s %s %s %s %s\n' "$v" "$wall" "$cpu" "$rss" "$code" | tee -a "$results" >&2
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
printf '| variant | runs | wall s (median, min–max) | CPU s (median) | peak RSS MiB (median) | exit |\n|---|---|---|---|---|---|\n'
for v in "${variants[@]}"; do
    w="$(awk -v v="$v" '$1 == v { print $2 }' "$results")"
    printf '| %s | %s | %s (%s–%s) | %s | %s | %s |\n' "$v" "$(printf '%s\n' "$w" | wc -l)" \
        "$(printf '%s\n' "$w" | median)" "$(printf '%s\n' "$w" | sort -n | head -n 1)" \
        "$(printf '%s\n' "$w" | sort -n | tail -n 1)" \
        "$(awk -v v="$v" '$1 == v { print $3 }' "$results" | median)" \
        "$(awk -v v="$v" '$1 == v { print $4 }' "$results" | median)" \
        "$(awk -v v="$v" '$1 == v { print $5 }' "$results" | sort -u | tr '\n' ' ' | sed 's/ $//')"
done
