#!/bin/bash
# Installs a .deb of Boletos with apt on a fresh, minimal Debian 12 (made with
# debootstrap, entered with chroot) and checks that the installed program
# prints the expected version and that `boletos serve` answers on loopback.
# Run by `make dist-check-debian`, by hand and as root: it downloads about
# 250 MB of Debian packages and takes a few minutes, so make test never runs it.
#
#   build/linux/check-debian12.sh build/bin/boletos_VERSION_amd64.deb "boletos VERSION"
set -euo pipefail

deb=$1
want=$2
[ "$(id -u)" = 0 ] || { echo "check-debian12: rode como root (debootstrap e chroot)."; exit 1; }
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null

root=$(mktemp -d /tmp/boletos-debian12.XXXXXX)
serve_pid=""
cleanup() {
	[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
	umount "$root/proc" 2>/dev/null || true
	rm -rf --one-file-system "$root"
}
trap cleanup EXIT

echo "Debian 12 mínimo em $root (debootstrap)…"
debootstrap --variant=minbase bookworm "$root" >"$root.log" 2>&1 || { tail -20 "$root.log"; exit 1; }
rm -f "$root.log"
mount -t proc proc "$root/proc"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/root/boletos.deb"

echo "apt install ./boletos.deb (com as dependências e recomendações)…"
chroot "$root" /bin/sh -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq /root/boletos.deb' \
	>"$root/root/apt.log" 2>&1 || { tail -30 "$root/root/apt.log"; exit 1; }

got=$(chroot "$root" boletos version)
[ "$got" = "$want" ] || { echo "boletos version diz \"$got\", esperado \"$want\""; exit 1; }
echo "boletos version: $got"

chroot "$root" /bin/sh -c 'cd /tmp && exec boletos serve --demo --data-dir /tmp/boletos-dados' >"$root/serve.out" 2>&1 &
serve_pid=$!
url=""
for _ in $(seq 50); do
	url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/?token=[A-Za-z0-9_-]*' "$root/serve.out" || true)
	[ -n "$url" ] && break
	sleep 0.2
done
[ -n "$url" ] || { echo "boletos serve não mostrou o endereço:"; cat "$root/serve.out"; exit 1; }
page=$(curl -fsSL -c "$root/cookies" -b "$root/cookies" "$url")
grep -q "<title>Boletos" <<<"$page" || { echo "boletos serve respondeu sem a página do programa"; exit 1; }
echo "boletos serve --demo responde em 127.0.0.1 com a página do programa"
echo "Debian 12 limpo: o pacote instala e o programa roda."
