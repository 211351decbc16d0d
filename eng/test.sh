#!/usr/bin/env bash
# Runs every test of the repository on a fresh clone: restores what the tests need, then the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test IdpDynamo.Build.sln --nologo -v:q "$@"
