#!/usr/bin/env bash
# Issue 7 (5), not part of the default test run: starts a bill run of N subscriptions (default 100000) on the real
# host, kills the host with SIGKILL at random points K times (default 5), restarts it until the run completes,
# then checks 0 duplicate and 0 missing invoices, exact totals, gapless numbers and PRAGMA integrity_check.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/Host/Billing.Host >/dev/null
dotnet run -c Release --project benchmarks/Billing.Benchmarks -- fault "${1:-100000}" "${2:-5}"
