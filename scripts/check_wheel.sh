#!/usr/bin/env bash
# Build the wheel, install it (not editable, core only: no torch, no stanza) into a
# fresh venv outside the checkout, and run ingest, export and serve with it on
# data/palmyra. Catches what an editable install hides: files the package needs
# at run time that only exist in the source tree.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Build from the files git would ship (tracked, or new and not ignored), so that a
# stale build/ folder in the checkout cannot stand in for the build.
mkdir "$work/src"
git -C "$repo" ls-files -z --cached --others --exclude-standard \
  | tar -C "$repo" --null -T - --ignore-failed-read -cf - | tar -C "$work/src" -xf -

echo "check_wheel: building and installing the wheel in $work"
python3 -m venv "$work/venv"
py="$work/venv/bin/python"
"$py" -m pip install -q --upgrade pip
"$py" -m pip wheel -q --no-deps -w "$work/dist" "$work/src"
"$py" -m pip install -q "$work"/dist/quotetrace-*.whl
qt="$work/venv/bin/quotetrace"

mkdir "$work/run"
cd "$work/run"
"$qt" ingest "$repo/data/palmyra" --db palmyra.db
"$qt" export --db palmyra.db -o quotes.csv
rows=$(($(grep -c '' quotes.csv) - 1))
[ "$rows" -gt 0 ] || { echo "check_wheel: export wrote no quotes" >&2; exit 1; }

# The installed package serves with its own copy of the root metadata.
installed=$("$py" -c 'from quotetrace.serve import metadata_path; print(metadata_path())')
case "$installed" in
  "$work/venv/"*) ;;
  *) echo "check_wheel: metadata read from $installed, not from the installed package" >&2; exit 1 ;;
esac
cmp "$installed" "$repo/datasette-metadata.json"

port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$qt" serve --db palmyra.db --port "$port" >serve.log 2>&1 &
server_pid=$!
# Poll for at most 60 s; the canned question proves metadata and plugin are loaded.
"$py" - "$port" "$server_pid" <<'EOF' || { cat serve.log >&2; exit 1; }
import json, os, sys, time, urllib.request

port, pid = sys.argv[1], int(sys.argv[2])
url = f"http://127.0.0.1:{port}/palmyra/quotes_by_speaker.json?name=Hawash&_shape=array"
deadline = time.monotonic() + 60
while True:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            rows = json.load(response)
        break
    except OSError:
        os.kill(pid, 0)  # raises if the server died
        if time.monotonic() > deadline:
            sys.exit("check_wheel: serve did not answer within 60 s")
        time.sleep(0.5)
assert rows and all(r["person"] == "Nanar Hawash" for r in rows), rows
print(f"check_wheel: serve answered quotes_by_speaker with {len(rows)} rows")
EOF
echo "check_wheel: ok (ingest, export: $rows quotes, serve)"
