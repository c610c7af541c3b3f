#!/usr/bin/env bash
# Makes the lip-sync fixtures in tests/fixtures/speech/ (developer-side; the
# outputs are committed, so CI never runs this).
#
# Why festival's kal voice: it concatenates recorded diphones at the phone
# durations its prosody model chose, and `utt.save.segs` writes those phone end
# times, so every fixture comes with ground-truth timing to within a pitch
# period. Sentences are packed with p/b/m closures and open vowels, the two
# things the lip-sync acceptance checks look at, plus f/v for the teeth shape.
#
# The same sentences in a second voice, ked, go to ked/: the lip-closure
# classifier (scripts/train-lip-closure.ts) never heard that voice, so the
# tests check it there as well as on kal.
#
# Needs: festival festvox-kallpc16k festvox-kdlpc16k sox ffmpeg pocketsphinx-testdata (apt).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/tests/fixtures/speech"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

# name|text
sentences=(
  "bob-map|Bob bought a big map of Pam's farm."
  "mama-pie|Mama made apple pie, but Pop ate the bumper crop."
  "palm-milk|Please bring a bottle of warm milk by the palm tree."
  "five-vans|Five vivid vans moved up past a bumpy farm."
  "humble-ballad|The oboe player hummed a humble ballad, papa."
)

speak() { # voice package out-dir
voice="$1"
package="$2"
dir="$3"
mkdir -p "$dir"
for entry in "${sentences[@]}"; do
  name="${entry%%|*}"
  text="${entry#*|}"
  cat >"$tmp/$name.scm" <<SCM
(voice_$voice)
(set! utt (utt.synth (Utterance Text "$text")))
(utt.save.wave utt "$tmp/$name.wav" 'riff)
(utt.save.segs utt "$tmp/$name.segs")
SCM
  festival -b "$tmp/$name.scm"
  # festival already writes 16 kHz mono 16-bit; sox re-writes a plain 44-byte header.
  sox "$tmp/$name.wav" -r 16000 -c 1 -b 16 "$dir/$name.wav"
  # segs lines are "END_TIME 100 PHONE" after a "#" line; start = previous end.
  awk -v text="$text" -v name="$name" -v voice="$voice" -v package="$package" '
    BEGIN { prev = 0; n = 0 }
    /^#/ { next }
    NF >= 3 { phone[n] = $3; start[n] = prev; end[n] = $1 + 0; prev = $1 + 0; n++ }
    END {
      printf "{\n  \"name\": \"%s\",\n  \"text\": \"%s\",\n  \"voice\": \"festival %s (%s)\",\n  \"sampleRate\": 16000,\n  \"phones\": [\n", name, text, voice, package
      for (i = 0; i < n; i++) printf "    {\"phone\": \"%s\", \"start\": %.4f, \"end\": %.4f}%s\n", phone[i], start[i], end[i], (i < n - 1 ? "," : "")
      printf "  ]\n}\n"
    }' "$tmp/$name.segs" >"$dir/$name.json"
done
}

speak kal_diphone festvox-kallpc16k "$out"
speak ked_diphone festvox-kdlpc16k "$out/ked"

# A video file: a few frames of colour plus the first sentence as AAC, the way
# a phone records a clip. Node cannot decode AAC, so the unit tests check that
# the container yields a typed error from our WAV decoder, and use the audio
# track that ffmpeg extracted here (at 11.025 kHz, the low end of the rates we
# accept) to check that the track itself animates. Browsers decode the
# container's track directly with decodeAudioData.
ffmpeg -loglevel error -y -f lavfi -i "color=c=gray:s=64x64:r=10" -i "$out/bob-map.wav" \
  -shortest -c:v libx264 -pix_fmt yuv420p -c:a aac -b:a 32k -ar 22050 -ac 1 "$out/bob-map-video.mp4"
ffmpeg -loglevel error -y -i "$out/bob-map-video.mp4" -vn -ac 1 -ar 11025 -c:a pcm_s16le "$out/bob-map-video-track.wav"

# Real speech that may be shipped: LibriVox readings (public domain) from
# Debian's pocketsphinx-testdata. Two utterances back to back give the
# silence-between-sentences the closed-mouth check needs.
lv=/usr/share/pocketsphinx/test/data/librivox
sox "$lv/sense_and_sensibility_01_austen_64kb-0870.wav" "$lv/sense_and_sensibility_01_austen_64kb-0930.wav" \
  -r 16000 -c 1 -b 16 "$out/librivox-austen.wav"
{
  echo "librivox-austen.wav: two utterances concatenated with sox, unchanged otherwise:"
  echo "  sense_and_sensibility_01_austen_64kb-0870.wav"
  echo "  sense_and_sensibility_01_austen_64kb-0930.wav"
  echo "from Debian package pocketsphinx-testdata (/usr/share/pocketsphinx/test/data/librivox/)."
  echo "The recordings are LibriVox readings of Jane Austen's Sense and Sensibility, in the public domain."
  echo "Transcripts:"
  grep -E "0870|0930" "$lv/transcription" | sed 's/^/  /'
  echo
  echo "The package's copyright file follows."
  echo "----------------------------------------------------------------------"
  cat /usr/share/doc/pocketsphinx-testdata/copyright
} >"$out/librivox-NOTICE.txt"

du -ch "$out"/* | tail -1
