#!/usr/bin/env bash
# Makes a fresh Debian machine ready for Virtdeck's test suite: the real programs the tests
# talk to, the local account for SSH tests, and the QEMU settings that let a root libvirtd
# run a tiny VM under TCG. Idempotent and quiet when everything is already there.
set -euo pipefail

PACKAGES=(
  libvirt-daemon libvirt-daemon-system libvirt-clients libvirt-daemon-driver-qemu
  qemu-system-x86 openssh-server openssh-client netcat-openbsd socat openssl
  chromium python3-libvirt procps iproute2
  sasl2-bin libsasl2-modules dbus-daemon dbus-bin polkitd util-linux
  xorriso qemu-utils
)
TEST_USER=virtdeck-test
QEMU_CONF=/etc/libvirt/qemu.conf
MARK_BEGIN='# virtdeck-test-harness begin'
MARK_END='# virtdeck-test-harness end'

if [ "$(id -u)" -ne 0 ]; then
  echo "provision.sh installs Debian packages and a test account, so it must run as root (try: sudo bash scripts/provision.sh)." >&2
  exit 1
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "provision: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Without recommends: the daemon's optional extras (dnsmasq, firmware for other
  # architectures) are not needed and take minutes.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A root libvirtd runs QEMU as root without a security driver here: there is no
# AppArmor/SELinux policy to apply in a container, and stdio goes to files because
# virtlogd is not running.
if [ -f "$QEMU_CONF" ] && ! grep -qF "$MARK_BEGIN" "$QEMU_CONF"; then
  cat >> "$QEMU_CONF" <<CONF
$MARK_BEGIN
user = "root"
group = "root"
stdio_handler = "file"
security_driver = "none"
$MARK_END
CONF
fi
getent group kvm >/dev/null || groupadd --system kvm
getent group libvirt-qemu >/dev/null || groupadd --system libvirt-qemu
getent passwd libvirt-qemu >/dev/null || useradd --system -g libvirt-qemu -G kvm -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu

# The SSH tests log in as this account; its password is set anew by every test run.
getent passwd "$TEST_USER" >/dev/null || useradd --create-home --shell /bin/sh "$TEST_USER"
mkdir -p /run/sshd

# polkit tests: a member of the test group (which a test rule allows) and an outsider. Never
# group libvirt, which Debian's own polkit rule allows.
getent group virtdeck-polkit >/dev/null || groupadd --system virtdeck-polkit
for account in virtdeck-pk-member virtdeck-pk-other; do
  getent passwd "$account" >/dev/null || useradd --system --no-create-home --shell /usr/sbin/nologin "$account"
done
id -nG virtdeck-pk-member | grep -qw virtdeck-polkit || usermod -a -G virtdeck-polkit virtdeck-pk-member

# libvirt 11.3 beside the system's 9.0, unpacked into a cached prefix (never installed).
bash "$(dirname "$0")/libvirt11.sh" >/dev/null
exit 0
