#!/usr/bin/env bash
# System packages the test suite uses, from Debian's archive (run as root, or with sudo).
# Go and Rust (cargo) build the runtime apps; Node.js runs everything else; Maven (with the Java
# it brings) fetches and runs the messaging experiment's PerfTest and local Kafka broker. Missing packages
# are installed; present ones are left alone, so the script is cheap to re-run.
set -euo pipefail
# Debian packages the suite needs beyond the base image.
DEPS=(chromium postgresql postgresql-client mariadb-server mariadb-client sysbench rabbitmq-server nats-server redis-server wrk maven)
PACKAGES=()
need() { dpkg -s "$1" >/dev/null 2>&1 || PACKAGES+=("$1"); }
for p in "${DEPS[@]}" "$@"; do need "$p"; done
if [ ${#PACKAGES[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"
fi
for tool in go cargo node; do
  command -v "$tool" >/dev/null || echo "warning: $tool is not installed; runtime variants that need it are skipped (see README)" >&2
done
