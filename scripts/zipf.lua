-- wrk script: GETs public pages from a URL list (one path per line) with
-- Zipf popularity — the page ranked k is asked for in proportion to 1/k^s —
-- as anonymous visitors with gzip. Counts answers other than 200.
--   wrk ... -s scripts/zipf.lua URL -- urls.txt [s]
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  paths, cdf, failures = {}, {}, 0
  local file = assert(io.open(args[1]), "usage: -- URLS_FILE [s]")
  for line in file:lines() do paths[#paths + 1] = line end
  file:close()
  local s, total = tonumber(args[2] or "1"), 0
  for k = 1, #paths do
    total = total + 1 / k ^ s
    cdf[k] = total
  end
  for k = 1, #paths do cdf[k] = cdf[k] / total end
  math.randomseed(os.time() * 100 + tid)
end

function request()
  local u, lo, hi = math.random(), 1, #paths
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < u then lo = mid + 1 else hi = mid end
  end
  return wrk.format("GET", paths[lo], { ["Accept-Encoding"] = "gzip" })
end

function response(status)
  if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + t:get("failures") end
  io.write(string.format("pages: %d requests, %d not 200, %.0f/s, p50 %.2f ms, p99 %.2f ms\n",
    summary.requests, failed, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
