#!/usr/bin/env bash
# Times the generated documents for the whole city 107 map (303 KPIs) on the demo data:
# starts the app on SQLite with demo data, asks each route 10 times, prints the first (cold)
# and the median of the rest (warm). Run by hand; not part of CI.
#   bash bench/reports.sh
set -euo pipefail
cd "$(dirname "$0")/.."
port=5398
db=$(mktemp -d)/bench.db
dotnet build src/Scorecard.Web -c Release -v q --nologo >/dev/null
ASPNETCORE_URLS=http://127.0.0.1:$port dotnet run --project src/Scorecard.Web -c Release --no-build -- \
  --Scorecard:DemoData=true "--ConnectionStrings:Scorecard=Data Source=$db" >/dev/null 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; rm -rf "$(dirname "$db")"' EXIT
until curl -sf "http://127.0.0.1:$port/api/organisations" >/dev/null; do sleep 1; done

map="http://127.0.0.1:$port/api/maps/%E8%87%BA%E5%8C%97%E5%B8%82%E6%94%BF%E5%BA%9C/107"
for route in "reports/policy?period=Q1&format=docx" "reports/policy?period=Q1&format=html" "reports/bsc?format=docx" "reports/bsc?format=xlsx" "map.svg"; do
  times=()
  for i in $(seq 10); do times+=("$(curl -s -o /dev/null -w '%{time_total}' "$map/$route")"); done
  warm=$(printf '%s\n' "${times[@]:1}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-40s cold %6.3f s   warm median %6.3f s\n' "$route" "${times[0]}" "$warm"
done
