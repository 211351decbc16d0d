#!/usr/bin/env bash
# The main job: packs IdpDynamo.Build into the local feed, builds the sample service against the real package
# (validation runs inside `dotnet build`), then shows a broken values file failing the build and the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# A private package cache, so a re-packed version (uncommitted changes pack as their commit's version) is never served
# stale from ~/.nuget/packages.
export NUGET_PACKAGES="$PWD/artifacts/sample-packages"
rm -rf "$NUGET_PACKAGES/idpdynamo.build"

echo "== dotnet pack nuget/IdpDynamo.Build.Package.csproj -> nuget/feed"
rm -f nuget/feed/IdpDynamo.Build.*.nupkg
dotnet pack nuget/IdpDynamo.Build.Package.csproj -c Release -v:q -nologo
# The sample references exactly the version just packed (samples/Directory.Build.props reads this variable).
package=$(ls nuget/feed/IdpDynamo.Build.*.nupkg)
export IdpDynamoBuildVersion="${package#nuget/feed/IdpDynamo.Build.}"
IdpDynamoBuildVersion="${IdpDynamoBuildVersion%.nupkg}"
echo "packed $package ($(du -k "$package" | cut -f1) KB, IdpDynamo.Build $IdpDynamoBuildVersion)"
echo
echo "== dotnet build samples/Webshop.Orders (values files of webshop-test and webshop-prod)"
dotnet build samples/Webshop.Orders -v:n -clp:NoSummary | grep -E "IDPDYN|IdpDynamo.Build:|Webshop.Orders ->" || true
dotnet build samples/Webshop.Orders -v:q -nologo >/dev/null

echo
echo "== the generated accessors at work (dotnet samples/Webshop.Orders/bin/Debug/net10.0/Webshop.Orders.dll)"
dotnet samples/Webshop.Orders/bin/Debug/net10.0/Webshop.Orders.dll

echo
echo "== the same service with an unquoted 'type: N' and a misspelt key (the build must fail)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r samples/apps samples/Webshop.Orders samples/Directory.* "$work/"
sed "s|../nuget/feed|$PWD/nuget/feed|" samples/NuGet.config > "$work/NuGet.config"
rm -rf "$work/Webshop.Orders/bin" "$work/Webshop.Orders/obj"
values="$work/apps/webshop-test/orders/dynamodb/values.yaml"
sed -i -e "s/type: 'N'/type: N/" -e '0,/billingMode: PAY_PER_REQUEST/s//billingmode: PAY_PER_REQUEST/' "$values"
if dotnet build "$work/Webshop.Orders" -v:q -nologo -clp:NoSummary; then
  echo "expected the build to fail" >&2
  exit 1
fi
echo "(the build failed as expected)"

echo
echo "== idp-dynamo validate (the CLI for the apps repository's CI) on the sample apps"
dotnet run --project src/IdpDynamo.Cli -c Release -v:q -- validate 'samples/apps/**/values.yaml'
