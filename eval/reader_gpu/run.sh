#!/bin/bash
# Train several reader settings side by side on one GPU machine, from what eval/reader_gpu/pack.py put
# in .devpack/. Each line of CONFIGS is "name flags…" (flags of `qa train-reader`); each run's weights,
# model card and log are tarred into $OUT/name.tar (the device tool brings back 8 files at most).
#
# Through the device tool (its machines have torch and transformers, not our other dependencies):
#   here:  .venv/bin/python eval/reader_gpu/pack.py; download the wheels of opencc, pydantic,
#          pydantic-core, pydantic-settings, annotated-types, typing-inspection, typing-extensions and
#          python-dotenv for CPython 3.12 into .whl/ (the device tool's README shows how)
#   there: pip install --target /tmp/site .whl/*.whl; PYTHONPATH=/tmp/site:$PWD \
#          bash eval/reader_gpu/run.sh python3 cuda eval/reader_gpu/configs.txt --max-minutes 5.5
# On 2026-11-28 four 5-epoch runs shared one H100 in 6-7 minutes (README, "The span reader").
set -u
PY=$1; DEVICE=$2; CONFIGS=$3; shift 3
OUT=${OUT:-/tmp/reader-gpu-out}; WORK=/tmp/reader-gpu
mkdir -p "$OUT" "$WORK"
export PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false QA_EMBED_MODEL=$WORK/model
if [ ! -f "$WORK/model/config.json" ]; then
  "$PY" - "$WORK" <<'PYEOF'
import lzma, sys
from pathlib import Path
from qa.e5pack import write_model_folder
work = Path(sys.argv[1])
(work / "model.bin").write_bytes(lzma.decompress(Path(".devpack/e5-pruned.bin.xz").read_bytes()))
write_model_folder(work / "model.bin", work / "model")
PYEOF
fi
train_one() {
  local name=$1; shift
  mkdir -p "$WORK/out/$name"
  ( time "$PY" -m qa.cli train-reader --device "$DEVICE" --threads 4 --data .devpack/drcd \
      --out "$WORK/out/$name" --checkpoint "$WORK/ck/$name/checkpoint.pt" "$@" ) \
      > "$WORK/out/$name/log.txt" 2>&1
  cp "$WORK/ck/$name/checkpoint.seconds.json" "$WORK/out/$name/" 2>/dev/null
  tar -C "$WORK/out" -cf "$OUT/$name.tar" "$name"
  echo "== $name $*: $(grep -o "{\"questions\".*}" "$WORK/out/$name/log.txt" || echo "not finished")"
}
while read -r name flags; do
  [ -n "$name" ] && train_one "$name" $flags "$@" &
done < "$CONFIGS"
wait
