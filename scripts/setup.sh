#!/usr/bin/env bash
# Installs what building and testing Rehearse needs on Debian/Ubuntu, and
# nothing that is already there. Sourced by scripts/run and scripts/test.
set -euo pipefail

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
need_packages() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "setup: installing ${missing[*]}" >&2
        if [ "$apt_updated" -eq 0 ]; then
            as_root apt-get update -qq
            apt_updated=1
        fi
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# A C toolchain (bundled SQLite and other -sys crates) and TLS for cargo.
need_packages build-essential pkg-config ca-certificates curl

# Python for the accreditation tests' real peers (issue #6): the test
# harness builds venvs from PyPI under target/peers/ (tests/peers/setup.sh).
need_packages python3 python3-venv

# The printable certificate's tests (issue #15): pdftoppm and pdftotext
# render and read the PDF, zbarimg decodes its QR code independently.
need_packages poppler-utils zbar-tools

# Rust: Rehearse needs 1.87 or newer (the workspace rust-version). Use what is there, else rustup.
if [ -f "$HOME/.cargo/env" ]; then
    # shellcheck disable=SC1091
    . "$HOME/.cargo/env"
fi
if ! command -v cargo >/dev/null 2>&1; then
    echo "setup: installing the Rust toolchain with rustup" >&2
    if apt-cache show rustup >/dev/null 2>&1; then
        need_packages rustup
        rustup default stable
    else
        curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component clippy,rustfmt
        # shellcheck disable=SC1091
        . "$HOME/.cargo/env"
    fi
fi
for component in clippy rustfmt; do
    if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1 && command -v rustup >/dev/null 2>&1; then
        rustup component add "$component"
    fi
done

# The desktop app (Tauri 2 on WebKitGTK) and its end-to-end tests: a
# private X display (Xvfb), WebKitWebDriver and tauri-driver.
need_packages libwebkit2gtk-4.1-dev libssl-dev libayatana-appindicator3-dev \
    librsvg2-dev libxdo-dev webkit2gtk-driver xvfb xauth
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tauri-driver >/dev/null 2>&1; then
    echo "setup: installing tauri-driver" >&2
    cargo install tauri-driver --locked --quiet
fi

# Node packages the tests use, each pinned by its package-lock.json and
# installed with `npm ci` (checked against the lock file's integrity
# hashes) into its folder's node_modules/, which git ignores; Node.js and
# npm come from Debian when missing.
# - tests/e2e/axe: axe-core for the desktop end-to-end tests' accessibility
#   checks (issue #17); the harness reads node_modules/axe-core/axe.min.js.
# - tests/types: TypeScript's checker for the page's JSDoc types against
#   ui/js/bindings.d.ts, generated from the Rust view models (issue #11).
if ! command -v npm >/dev/null 2>&1; then
    need_packages nodejs npm
fi
for node_dir in tests/e2e/axe tests/types; do
    dir="$(dirname "${BASH_SOURCE[0]}")/../$node_dir"
    if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.installed-lock.json" 2>/dev/null; then
        echo "setup: installing the node packages of $node_dir (npm ci)" >&2
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null \
            && cp package-lock.json node_modules/.installed-lock.json)
    fi
done
