#!/usr/bin/env bash
# Makes the container/codec fixtures in tests/fixtures/speech/formats/ from one
# festival utterance (bob-map.wav, 3.21 s, 16 kHz mono), for the browser test
# of the decode path (tests/e2e/motion.spec.ts). Developer-side: the outputs
# are committed, so CI never runs this.
#
# Each file is the same speech, so the test can compare every decode with the
# WAV's and measure what the codec did to timing. Bit rates are low on purpose
# (small files, and a low-rate lossy decode is the harder case for lip sync).
#
# Needs: ffmpeg (libmp3lame, aac, libopus, flac), sox.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/tests/fixtures/speech/bob-map.wav"
out="$root/tests/fixtures/speech/formats"
mkdir -p "$out"
ff=(ffmpeg -loglevel error -y -i "$src" -map_metadata -1 -fflags +bitexact)

# Lossy codecs at their common rates: MP3 and AAC at 24 kHz, Opus always at 48 kHz.
# LAME writes its encoder delay into the Xing/Info header, and ffmpeg's MP4 muxer
# an edit list for AAC's priming samples, so a gapless decoder can undo both.
"${ff[@]}" -ar 24000 -c:a libmp3lame -b:a 32k "$out/bob-map.mp3"
"${ff[@]}" -ar 24000 -c:a aac -b:a 32k "$out/bob-map.m4a"
"${ff[@]}" -c:a libopus -b:a 24k "$out/bob-map.opus"
# Lossless, at the source rate.
"${ff[@]}" -c:a flac "$out/bob-map.flac"
# The low end of the rates we accept: telephone 8 kHz. (sox -D: no dither, so
# reruns give the same bytes.)
sox -D "$src" -r 8000 -c 1 -b 16 "$out/bob-map-8k.wav"

# 6 channels at 96 kHz is 1.15 MB a second, so this one is a 0.4 s excerpt
# (0.2–0.6 s: "Bob b-", closure, open vowel, closure),
# 16-bit, spread over 5.1 with different gains per channel as a mix would be.
sox -D "$src" -r 96000 -b 16 "$out/bob-map-6ch-96k.wav" trim 0.2 0.4 \
  remix 1v0.6 1v0.6 1v1 1v0.1 1v0.4 1v0.4

# Ten seconds of digital silence, 44.1 kHz stereo: long enough for blinks, and
# ffmpeg's FLAC stores it in a few KB (sox's writes it verbatim, 150 KB).
ffmpeg -loglevel error -y -f lavfi -i "anullsrc=r=44100:cl=stereo" -t 10 -map_metadata -1 -fflags +bitexact \
  -c:a flac -sample_fmt s16 "$out/silence-10s.flac"

# Damaged input. A download cut short: the first 2 KB of the M4A, whose index
# (moov) ffmpeg writes at the end, so no decoder can find the samples.
head -c 2048 "$out/bob-map.m4a" >"$out/corrupt-truncated.m4a"
# Bytes that are no audio format at all: a fixed pseudo-random stream.
LC_ALL=C awk 'BEGIN { s = 12345; for (i = 0; i < 4096; i++) { s = (s * 1103515245 + 12345) % 2147483648; printf "%c", int(s / 65536) % 256 } }' \
  >"$out/corrupt-garbage.bin"
: >"$out/empty.wav"

ls -l "$out"
du -ch "$out"/* | tail -1
