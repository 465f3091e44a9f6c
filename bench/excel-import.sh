#!/usr/bin/env bash
# Times the BSC workbook import over HTTP on the demo data: the Secretariat's 105 form (39 KPIs)
# and the whole city 107 map (303 KPIs), each exported as the BSC workbook and posted back to
# POST /api/imports, as a preview (dryRun, nothing written) and as a real import (every row
# compared, none changed). 10 runs each; prints the first and the median of the rest.
# Run by hand; not part of CI.
#   bash bench/excel-import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
port=5399
work=$(mktemp -d)
dotnet build src/Scorecard.Web -c Release -v q --nologo >/dev/null
ASPNETCORE_URLS=http://127.0.0.1:$port dotnet run --project src/Scorecard.Web -c Release --no-build -- \
  --Scorecard:DemoData=true "--ConnectionStrings:Scorecard=Data Source=$work/bench.db" >/dev/null 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
until curl -sf "$base/api/organisations" >/dev/null; do sleep 1; done
token=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"admin@example.org","password":"Scorecard-demo-1"}' "$base/api/account/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')

curl -sf -o "$work/secretariat-105.xlsx" "$base/api/maps/%E8%87%BA%E5%8C%97%E5%B8%82%E6%94%BF%E5%BA%9C%E7%A7%98%E6%9B%B8%E8%99%95/105/reports/bsc?format=xlsx"
curl -sf -o "$work/city-107.xlsx" "$base/api/maps/%E8%87%BA%E5%8C%97%E5%B8%82%E6%94%BF%E5%BA%9C/107/reports/bsc?format=xlsx"
for file in secretariat-105.xlsx city-107.xlsx; do
  for dry in true false; do
    times=()
    for i in $(seq 10); do
      times+=("$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" \
        -F "files=@$work/$file" -F "dryRun=$dry" "$base/api/imports")")
    done
    warm=$(printf '%s\n' "${times[@]:1}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%-22s dryRun=%-5s cold %6.3f s   warm median %6.3f s\n' "$file" "$dry" "${times[0]}" "$warm"
  done
done
