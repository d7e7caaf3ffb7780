#!/bin/sh
# Install what building and testing need on a Debian machine: a C compiler, make, g++ (the
# header is also checked as C++), clang with its sanitizer and libFuzzer runtimes
# (libclang-rt-dev), pkg-config, Check, and valgrind (make check-valgrind).
# Does nothing when everything is already there.
set -eu
packages="gcc g++ make pkg-config check clang libclang-rt-dev valgrind"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
