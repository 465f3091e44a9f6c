-- wrk reports p50/p90/p99 on its own; bench/run needs p95 too, and one line it can read.
-- RESULT <requests/s> <p50 ms> <p95 ms> <p99 ms> <errors (non-2xx/3xx, socket)> <requests>
done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.1f %.1f %.1f %d %d\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.status + e.connect + e.read + e.write + e.timeout, summary.requests))
end
