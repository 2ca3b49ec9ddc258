#!/usr/bin/env bash
# Fetches libvirt 11.3 from Debian's bookworm-backports into a private prefix, for the
# interop tests that run it beside the system's 9.0. The backports suite is read through a
# private apt configuration (its own sources file and lists directory): the system's apt
# sources and installed packages are never touched. The packages are unpacked with dpkg -x,
# never installed. The prefix is kept under a stable directory, so later runs reuse it.
# Prints the prefix on stdout.
set -euo pipefail

PREFIX=${VIRTDECK_LIBVIRT11_PREFIX:-/var/cache/virtdeck/libvirt-11}
VERSION_GLOB='11.3.*'
PACKAGES=(
  libvirt0 libvirt-common libvirt-clients libvirt-daemon libvirt-daemon-common
  libvirt-daemon-lock libvirt-daemon-log libvirt-daemon-plugin-lockd
  libvirt-daemon-driver-qemu libvirt-daemon-driver-network libvirt-daemon-driver-storage
  libvirt-daemon-driver-nwfilter
)

if [ -f "$PREFIX/.complete" ]; then
  echo "$PREFIX"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/debs"
cat > "$work/sources.list" <<SOURCES
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm-backports main
SOURCES
APT=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/nonexistent
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache::Archives=$work/archives"
  -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= -o Debug::NoLocking=1 -o APT::Sandbox::User=root -qq)
apt-get "${APT[@]}" update >&2

# Only the packages the backports suite really has at 11.3 (some names are new since 9.0).
wanted=()
for pkg in "${PACKAGES[@]}"; do
  version=$(apt-cache "${APT[@]}" madison "$pkg" 2>/dev/null | awk -F'|' '{gsub(/ /,"",$2); print $2}' | grep -E "^${VERSION_GLOB}" | head -n1 || true)
  [ -n "$version" ] && wanted+=("$pkg=$version")
done
case " ${wanted[*]} " in *" libvirt0="*) ;; *) echo "libvirt11: bookworm-backports has no libvirt0 11.3" >&2; exit 1 ;; esac
(cd "$work/debs" && apt-get "${APT[@]}" download "${wanted[@]}" >&2)

staging="$PREFIX.partial.$$"
rm -rf "$staging"
mkdir -p "$staging"
for deb in "$work"/debs/*.deb; do dpkg -x "$deb" "$staging"; done
rm -rf "$PREFIX"
mkdir -p "$(dirname "$PREFIX")"
mv "$staging" "$PREFIX"
printf '%s\n' "${wanted[@]}" > "$PREFIX/.complete"
echo "$PREFIX"
