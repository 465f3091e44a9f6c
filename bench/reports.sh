#!/usr/bin/env bash
# Times the generated documents on the demo data: the whole city 107 map (303 KPIs) for the
# policy and BSC reports and the drawn map, the Secretariat's 106 council report and the city's
# 108 results cards. Starts the app on SQLite with demo data, asks each route 10 times, prints
# the first (cold) and the median of the rest (warm). Run by hand; not part of CI.
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

api="http://127.0.0.1:$port/api/maps"
city=%E8%87%BA%E5%8C%97%E5%B8%82%E6%94%BF%E5%BA%9C                                  # 臺北市政府
secretariat=%E8%87%BA%E5%8C%97%E5%B8%82%E6%94%BF%E5%BA%9C%E7%A7%98%E6%9B%B8%E8%99%95   # 臺北市政府秘書處
for route in "$city/107/reports/policy?period=Q1&format=docx" "$city/107/reports/policy?period=Q1&format=html" \
             "$city/107/reports/bsc?format=docx" "$city/107/reports/bsc?format=xlsx" "$city/107/map.svg" \
             "$secretariat/106/reports/council?format=docx" "$city/108/reports/results?format=docx" "$city/108/reports/results?format=html"; do
  times=()
  for i in $(seq 10); do times+=("$(curl -s -o /dev/null -w '%{time_total}' "$api/$route")"); done
  warm=$(printf '%s\n' "${times[@]:1}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  name=${route//$secretariat/秘書處}; name=${name//$city/臺北市政府}
  printf '%-48s cold %6.3f s   warm median %6.3f s\n' "$name" "${times[0]}" "$warm"
done
