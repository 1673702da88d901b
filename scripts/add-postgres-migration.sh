#!/usr/bin/env bash
# Generates a module's PostgreSQL migration from its model with the dotnet-ef local tool (issue 19).
#   scripts/add-postgres-migration.sh <Module> <Name>   Module: Coupons Subscriptions Invoicing Tracking Payments Webhooks Platform
#   scripts/add-postgres-migration.sh all <Name>        every module; a module whose model did not change gets none
# The migration and the updated snapshot land in the module's Infrastructure/Migrations/Postgres (Platform's:
# Billing.BuildingBlocks/Idempotency/Migrations/Postgres). SQLite's migrations stay hand-written beside them.
set -euo pipefail
cd "$(dirname "$0")/.."

modules=(Coupons Subscriptions Invoicing Tracking Payments Webhooks Platform)
module=${1:?usage: scripts/add-postgres-migration.sh <Module|all> <Name>}
name=${2:?usage: scripts/add-postgres-migration.sh <Module|all> <Name>}

dotnet tool restore >/dev/null
dotnet build src/Host/Billing.Host -c Debug -v q -nologo 2>&1 | grep -E ' error |rror\(s\)' | grep -v ' 0 Error' && exit 1

add() {
  local m=$1 project folder namespace context
  if [ "$m" = Platform ]; then
    project=src/BuildingBlocks/Billing.BuildingBlocks
    folder=Idempotency/Migrations/Postgres
    namespace=Billing.BuildingBlocks.Idempotency.Migrations.Postgres
  else
    project=src/Modules/$m/Billing.$m
    folder=Infrastructure/Migrations/Postgres
    namespace=Billing.$m.Infrastructure.Migrations.Postgres
  fi
  context=${m}DbContext
  dotnet ef migrations add "$name" --no-build --project "$project" --startup-project src/Host/Billing.Host \
    --context "$context" --output-dir "$folder" --namespace "$namespace" >/dev/null
  local file
  file=$(ls "$project/$folder"/*_"$name".cs | grep -v Designer | tail -1)
  # The first migration of a context puts its snapshot in a folder named after the namespace; it lives beside them.
  find "$project/Billing" -name "${context}ModelSnapshot.cs" -exec mv {} "$project/$folder/" \; 2>/dev/null || true
  rm -rf "$project/Billing"
  # A module shows nothing but its registration class (architecture tests): the migration is internal.
  sed -i 's/^    public partial class /    internal partial class /' "$file"
  # A model without changes yields an Up with no operation: no migration for that module.
  if ! grep -q 'migrationBuilder\.' "$file"; then
    rm -f "$file" "${file%.cs}.Designer.cs"
    git checkout -q -- "$project/$folder/${context}ModelSnapshot.cs" 2>/dev/null || true
    echo "$m: model unchanged, no migration"
  else
    echo "$m: $file"
  fi
}

if [ "$module" = all ]; then
  for m in "${modules[@]}"; do add "$m"; done
else
  [[ " ${modules[*]} " == *" $module "* ]] || { echo "unknown module '$module' (one of: ${modules[*]} all)" >&2; exit 2; }
  add "$module"
fi
