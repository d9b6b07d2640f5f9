#!/bin/sh
# screenshot.sh: make data/screenshot.png, the AppStream metainfo's
# screenshot, the way a user meets the app: open it from its installed
# desktop entry (dex runs the entry's Exec line) on a virtual screen of
# the window's size (xvfb), wait for the ball to stop on the plateau, and
# grab the screen without the pointer (ffmpeg's x11grab).
#
#   apt-get install dex xvfb xauth ffmpeg   # and the reluscape package
#   xvfb-run -a -s '-screen 0 1280x720x24' sh data/screenshot.sh OUT.png
#
# The app ends with the virtual screen, when this script returns.
set -eu
out=${1:-data/screenshot.png}
entry=${RELUSCAPE_DESKTOP:-/usr/share/applications/reluscape.desktop}
dex "$entry" &
# the built-in scene at 8 steps a second: stuck on the plateau from
# step 9; 6 seconds show its path and the plateau's label
sleep "${WAIT:-6}"
ffmpeg -loglevel error -y -f x11grab -draw_mouse 0 -video_size 1280x720 \
  -i "$DISPLAY" -frames:v 1 "$out"
