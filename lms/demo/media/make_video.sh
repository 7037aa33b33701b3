#!/bin/sh
# Regenerate culture-des-donnees.mp4: four 3-second title cards, 320x180, H.264, no sound.
# Run once by hand (needs ffmpeg, which is not a project dependency); the file is committed.
set -eu
cd "$(dirname "$0")"
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
card() {  # card <n> <colour> <line 1> <line 2>
    printf '%s' "$3" >"$tmp/$1a.txt"
    printf '%s' "$4" >"$tmp/$1b.txt"
    echo "color=c=$2:s=320x180:d=3:r=12,drawtext=fontfile=$font:textfile=$tmp/$1a.txt:fontcolor=white:fontsize=17:x=(w-text_w)/2:y=h/2-24,drawtext=fontfile=$font:textfile=$tmp/$1b.txt:fontcolor=white:fontsize=17:x=(w-text_w)/2:y=h/2+6[c$1];"
}
graph="$(card 1 0x1f4e79 'DATAide · Semaine 1' 'La culture des données')"
graph="$graph$(card 2 0x2e6b30 'Vos données racontent' 'ce que fait votre organisme')"
graph="$graph$(card 3 0x8a4b08 'Collecter le minimum,' 'protéger les personnes')"
graph="$graph$(card 4 0x5b2a86 'À vous : trois données' 'utilisées chaque semaine')"
graph="$graph[c1][c2][c3][c4]concat=n=4:v=1:a=0,format=yuv420p[v]"
ffmpeg -y -v error -filter_complex "$graph" -map '[v]' -c:v libx264 -preset veryslow \
    -crf 30 -tune stillimage -movflags +faststart culture-des-donnees.mp4
