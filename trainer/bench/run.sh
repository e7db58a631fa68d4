#!/usr/bin/env bash
# LoRA training throughput: the trainer (DJL PyTorch, Java) against the same model and step in PyTorch.
# usage: trainer/bench/run.sh [THREADS...]   (default: 1; per thread count, each round runs DJL then PyTorch)
# env: BATCH (8) SEQ (128) STEPS (30) WARMUP (5) ROUNDS (3) WORK (target/bench under trainer)
#      BLAS (openblas): Debian's python3-torch does its matrix products through the system libblas.so.3,
#      which is the slow reference BLAS unless an optimized one is installed; with BLAS=openblas the script
#      fetches Debian's libopenblas0-pthread .deb once (apt-get download, unpacked under WORK, nothing
#      installed) and points the PyTorch run at it. BLAS=system uses whatever libblas.so.3 the system has.
#      MKL_SHIM (auto): DJL's libtorch links Intel MKL, whose sgemm takes a slow generic path on non-Intel
#      CPUs. On an AMD CPU with gcc present, a second DJL run preloads a one-line library answering MKL's
#      vendor check (mkl_serv_intel_cpu_true), reported as "djl+mkl-shim". MKL_SHIM=0 skips it.
# Needs: mvn, a JDK 17, and Debian's python3-torch + python3-numpy (/usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/../.."
BATCH=${BATCH:-8} SEQ=${SEQ:-128} STEPS=${STEPS:-30} WARMUP=${WARMUP:-5} ROUNDS=${ROUNDS:-3}
WORK=$(realpath -m "${WORK:-trainer/target/bench}")
THREADS=("$@"); [ ${#THREADS[@]} -gt 0 ] || THREADS=(1)
BLAS=${BLAS:-openblas}
mkdir -p "$WORK"
TORCH_LIBS=""
if [ "$BLAS" = openblas ]; then
  TORCH_LIBS="$WORK/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread"
  if [ ! -f "$TORCH_LIBS/libblas.so.3" ]; then
    (cd "$WORK" && apt-get download libopenblas0-pthread >/dev/null 2>&1 && dpkg -x libopenblas0-pthread_*.deb openblas)
  fi
fi

mvn -B -o -q -pl trainer test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
CP="trainer/target/test-classes:trainer/target/classes:$(cat "$WORK/classpath.txt")"
MODEL="$WORK/tiny-base"
RESULTS="$WORK/results.jsonl"
: > "$RESULTS"

SHIM=""
if [ "${MKL_SHIM:-auto}" != 0 ] && grep -q AuthenticAMD /proc/cpuinfo && command -v gcc >/dev/null; then
  SHIM="$WORK/libmkl-intel-cpu-true.so"
  echo 'int mkl_serv_intel_cpu_true(void) { return 1; }' | gcc -shared -fPIC -x c -o "$SHIM" -
fi

java_bench() {
  java -Xmx1g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$1" -Dai.djl.pytorch.num_interop_threads=1 \
    ${2:-} -cp "$CP" org.bioinstruct.trainer.bench.TrainingBench model.dir="$MODEL" batch="$BATCH" seq="$SEQ" \
    steps="$STEPS" warmup="$WARMUP" 2>/dev/null | grep '^{'
}
torch_bench() {
  LD_LIBRARY_PATH="$TORCH_LIBS" OMP_NUM_THREADS="$1" OPENBLAS_NUM_THREADS="$1" \
    /usr/bin/python3 trainer/bench/torch_lora_bench.py "$MODEL" --batch "$BATCH" --seq "$SEQ" \
    --steps "$STEPS" --warmup "$WARMUP" --threads "$1"
}

java_bench 1 >/dev/null  # creates the tiny base model (config.json, model.safetensors, tokenizer.json) once
for round in $(seq "$ROUNDS"); do
  for t in "${THREADS[@]}"; do
    java_bench "$t" | tee -a "$RESULTS"
    if [ -n "$SHIM" ]; then LD_PRELOAD="$SHIM" java_bench "$t" -Dbench.impl=djl+mkl-shim | tee -a "$RESULTS"; fi
    torch_bench "$t" | tee -a "$RESULTS"
  done
done

/usr/bin/python3 - "$RESULTS" "$BLAS" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
b = rows[0]
print(f"\nbatch {b['batch']} x seq {b['seq']}, {b['steps']} timed steps per run, medians over runs; "
      f"PyTorch {next(r['torch'] for r in rows if r['impl'] == 'pytorch')} with BLAS {sys.argv[2]}")
print("| threads | implementation | tokens/s | vs PyTorch | tokens/CPU-s | vs PyTorch (CPU) | step ms | peak RSS MB |")
print("|---|---|---|---|---|---|---|---|")
for t in sorted({r["threads"] for r in rows}, key=str):
    def med(impl, key):
        return statistics.median(r[key] for r in rows if r["impl"] == impl and str(r["threads"]) == str(t))
    base, base_cpu = med("pytorch", "tokens_per_s"), med("pytorch", "cpu_tokens_per_s")
    for impl in ["djl", "djl+mkl-shim", "pytorch"]:
        if not any(r["impl"] == impl and str(r["threads"]) == str(t) for r in rows):
            continue
        tps, cps = med(impl, "tokens_per_s"), med(impl, "cpu_tokens_per_s")
        print(f"| {t} | {impl} | {tps:.0f} | {tps / base:.2f}x | {cps:.0f} | {cps / base_cpu:.2f}x "
              f"| {med(impl, 'median_step_ms'):.1f} | {med(impl, 'peak_rss_mb'):.0f} |")
PY
