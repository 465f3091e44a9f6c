#!/usr/bin/env bash
# Cold start (issue 37 §1), run by hand (not part of CI). Publishes the app as README's Production section does
# (or takes a published folder), makes a SQLite database with the demo data once, then RUNS times: starts a fresh
# process of the published Scorecard.Web.dll from another folder on that existing database and times
#   map      process start → the city 107 map page answered (asked again and again until the port answers)
#   page     that first map page's own time (curl's time_total of the answer)
#   form     the sign-in page, then sign-in: the form posted as a browser does (planner rdec@example.org)
#   signed   the first signed-in page (我的待辦, /todo) after the sign-in answered: its own time
#   cpu      the processor time (user + system) the process had used when the map page answered: on a busy
#            machine the wall times above grow with the load, this much less
# and prints each run and the median of each column. The process is stopped between runs.
# Settings (environment): RUNS=7, PORT=5397, PUBLISHED=<folder> (skip the publish), PUBLISH_ARGS (extra arguments
# to `dotnet publish`, e.g. "-p:PublishReadyToRun=false" to measure without ReadyToRun).
#   bash bench/cold-start.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7} PORT=${PORT:-5397}
base="http://127.0.0.1:$PORT"
map_page="$base/maps/%E8%87%BA%E5%8C%97%E5%B8%82%E6%94%BF%E5%BA%9C/107"   # 臺北市政府 107

work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

published=${PUBLISHED:-}
if [ -z "$published" ]; then
  echo "Publishing Release …"
  published="$work/published"
  # shellcheck disable=SC2086
  dotnet publish src/Scorecard.Web -c Release -o "$published" -v q --nologo ${PUBLISH_ARGS:-} >/dev/null
fi
app="$published/Scorecard.Web.dll"
mkdir "$work/run"   # the working directory: not the published folder, as systemd starts it
export ASPNETCORE_ENVIRONMENT=Production

start() {
  (cd "$work/run" && exec dotnet "$app" --urls "$base" "--ConnectionStrings:Scorecard=Data Source=$work/scorecard.db" \
     --Scorecard:SignIn:PerMinute=100000 >"$work/server.log" 2>&1) &
  server=$!
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
now() { date +%s.%N; }

echo "Making the database (demo data) …"
start
until curl -sf -o /dev/null "$base/readyz"; do sleep 0.2; kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }; done
stop

printf '%-4s %8s %8s %8s %8s %8s %8s\n' run map page form signin signed cpu
for run in $(seq 1 "$RUNS"); do
  sleep 1
  jar="$work/cookies.$run"
  t0=$(now)
  start
  # The first answer of the map page: connection refused until the server listens (a refusal takes ~1 ms).
  until page=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$map_page") && [ "${page%% *}" = 200 ]; do
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
    sleep 0.01
  done
  t_map=$(now)
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$server/stat")
  form=$(curl -s -c "$jar" -o "$work/login.html" -w '%{time_total}' "$base/account/login")
  token=$(grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' "$work/login.html" | sed 's/.*value="//; s/"$//')
  signin=$(curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{http_code} %{time_total}' \
    --data-urlencode _handler=login --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode Form.Email=rdec@example.org --data-urlencode Form.Password=Scorecard-demo-1 "$base/account/login")
  [ "${signin%% *}" = 302 ] || { echo "sign-in answered ${signin%% *}"; exit 1; }
  signed=$(curl -s -b "$jar" -o "$work/todo.html" -w '%{http_code} %{time_total}' "$base/todo")
  [ "${signed%% *}" = 200 ] && grep -q 'rdec@example.org' "$work/todo.html" || { echo "我的待辦 was not signed in (${signed%% *})"; exit 1; }
  stop
  printf '%-4s %8.3f %8.3f %8.3f %8.3f %8.3f %8.2f\n' "$run" "$(echo "$t_map - $t0" | bc)" "${page#* }" "$form" "${signin#* }" "${signed#* }" "$cpu" | tee -a "$work/runs"
done
# The median of each column.
printf '%-4s' med
for column in 2 3 4 5 6 7; do
  printf ' %8.3f' "$(cut -d' ' -f"$column" <(tr -s ' ' <"$work/runs") | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')"
done
echo
