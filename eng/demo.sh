#!/usr/bin/env bash
# The main job: validates the sample apps repository with the idp-dynamo CLI, then a broken copy of it.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/IdpDynamo.Cli -c Release --nologo -v:q
cli="dotnet src/IdpDynamo.Cli/bin/Release/net8.0/idp-dynamo.dll"

echo "== idp-dynamo validate 'samples/apps/**/values.yaml'"
$cli validate 'samples/apps/**/values.yaml'

echo
echo "== the same file with an unquoted type: N and a typo in a key (expected to fail)"
broken="$(mktemp -d)/apps/webshop-test/orders/dynamodb"
mkdir -p "$broken"
cp samples/apps/webshop-test/orders/dynamodb/application.yaml "$broken/"
sed -e "s/type: 'N'/type: N/" -e 's/billingMode: PAY_PER_REQUEST/billingmode: PAY_PER_REQUEST/' \
  samples/apps/webshop-test/orders/dynamodb/values.yaml > "$broken/values.yaml"
if $cli validate "$broken/values.yaml"; then
  echo "expected the broken file to fail" >&2
  exit 1
fi
echo "(exit code 1 as expected)"
