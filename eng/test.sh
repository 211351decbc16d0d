#!/usr/bin/env bash
# Runs every test of the repository on a fresh clone: installs what the tests need (dynalite, the DynamoDB-compatible
# server the integration tests start on 127.0.0.1, from the committed package-lock.json), then the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
(cd tests/dynalite && npm ci --no-audit --no-fund --loglevel=error)
dotnet test IdpDynamo.Build.sln --nologo "$@"
