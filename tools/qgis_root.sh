#!/usr/bin/env bash
# Run a command on another QGIS release, in a Debian root file system made for it once.
#
#   tools/qgis_root.sh VERSION [COMMAND...]
#
# VERSION 3.40 is Debian 13 ("trixie"), 3.44 is Debian unstable ("sid"). The first call
# makes the root with debootstrap (about 6 minutes, 2.7 GB) under $QGIS_ROOTS (default
# /var/cache/community_asset_gaps), installs QGIS, the plugin's Python dependencies and a
# venv of the test tools at /opt/venv; later calls reuse it (the venv is refreshed when
# requirements-dev.txt changes). The command then runs inside the root, as root, in the
# checkout, which is bound at the same path (with its parent folder, where the shared test
# data live). PROJ_DATA is set because pyproj looks for its data under the venv's prefix.
# Mounts are made in a private mount namespace and vanish with the command.
# Needs root (debootstrap, chroot, mount): CI and the development machines run as root.
set -euo pipefail

VERSION=${1:?usage: tools/qgis_root.sh VERSION [COMMAND...]}
shift
case "$VERSION" in
    3.40) SUITE=trixie ;;
    3.44) SUITE=sid ;;
    *) echo "qgis_root: no Debian root for QGIS $VERSION (3.40 or 3.44; 3.22 is the host)" >&2
       exit 2 ;;
esac

CHECKOUT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED_PARENT=$(dirname "$CHECKOUT")
ROOTS=${QGIS_ROOTS:-/var/cache/community_asset_gaps}
ROOT="$ROOTS/qgis-$VERSION"
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PACKAGES="qgis python3-qgis qgis-providers python3-networkx python3-shapely python3-pyproj
python3-scipy python3-venv python3-pip make git ca-certificates fonts-dejavu-core
pyqt5-dev-tools"
# The archive served here keeps Release files past their short validity (Debian unstable).
APT_OPTIONS="-o Acquire::Check-Valid-Until=false -o Acquire::Check-Date=false"
SUDO=$([ "$(id -u)" -eq 0 ] || echo sudo)

log() { echo "qgis_root $VERSION: $*" >&2; }

# Runs "$@" in a private mount namespace with proc, dev, sys and the checkout bound into ROOT.
in_root() {
    $SUDO unshare --mount --propagation private -- bash -euc '
        root=$1; parent=$2; shift 2
        mount -t proc proc "$root/proc"
        mount --rbind /dev "$root/dev"
        mount --rbind /sys "$root/sys"
        mkdir -p "$root$parent"
        mount --bind "$parent" "$root$parent"
        exec chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
            PATH=/opt/venv/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            QT_QPA_PLATFORM=offscreen PIP_DISABLE_PIP_VERSION_CHECK=1 \
            PROJ_DATA=/usr/share/proj \
            PIP_CERT=/etc/ssl/certs/ca-certificates.crt ${CI:+CI=$CI} "$@"
    ' in_root "$ROOT" "$SHARED_PARENT" "$@"
}

copy_host_settings() {
    # Name resolution, pip's configuration and the CA bundle reach the registries here.
    $SUDO cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"
    [ ! -e /etc/pip.conf ] || $SUDO cp -L /etc/pip.conf "$ROOT/etc/pip.conf"
    $SUDO mkdir -p "$ROOT/etc/ssl/host"
    $SUDO cp -L /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/host/ca-certificates.crt"
}

make_root() {
    log "making the Debian $SUITE root in $ROOT (about 6 minutes, once)"
    command -v debootstrap >/dev/null || {
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
    }
    $SUDO rm -rf "$ROOT.partial"
    $SUDO debootstrap --variant=minbase "$SUITE" "$ROOT.partial" "$MIRROR" >&2
    $SUDO mv "$ROOT.partial" "$ROOT"
    copy_host_settings
    install_packages
    in_root python3 -m venv --system-site-packages /opt/venv
    $SUDO touch "$ROOT/.complete"
}

# Installs PACKAGES, again whenever the list changes.
install_packages() {
    local stamp="$ROOT/.packages"
    [ "$(cat "$stamp" 2>/dev/null)" != "$PACKAGES" ] || return 0
    log "installing QGIS and the plugin's dependencies from Debian $SUITE"
    in_root bash -euc "
        export DEBIAN_FRONTEND=noninteractive
        apt-get $APT_OPTIONS update -qq
        apt-get $APT_OPTIONS install -y -qq --no-install-recommends $(echo $PACKAGES) >/dev/null
        # The host's bundle last: the registries are reached through its authorities.
        cp /etc/ssl/host/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
    "
    echo "$PACKAGES" | $SUDO tee "$stamp" >/dev/null
}

refresh_venv() {
    local stamp="$ROOT/opt/venv/.requirements-dev"
    if ! cmp -s "$CHECKOUT/requirements-dev.txt" "$stamp"; then
        log "installing the test tools (requirements-dev.txt) into /opt/venv"
        in_root /opt/venv/bin/python -m pip install -q -r "$CHECKOUT/requirements-dev.txt"
        $SUDO cp "$CHECKOUT/requirements-dev.txt" "$stamp"
    fi
}

# One set-up at a time per root: two runs started together wait for each other here.
$SUDO mkdir -p "$ROOTS"
[ -w "$ROOT.lock" ] || { $SUDO touch "$ROOT.lock" && $SUDO chmod a+rw "$ROOT.lock"; }
exec 9>>"$ROOT.lock"
flock 9
if [ ! -e "$ROOT/.complete" ]; then
    $SUDO rm -rf "$ROOT"
    make_root
else
    copy_host_settings
    install_packages
fi
refresh_venv
flock -u 9
[ $# -gt 0 ] || set -- bash
in_root bash -c 'cd "$1" && shift && exec "$@"' cd "$CHECKOUT" "$@"
