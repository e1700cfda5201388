-- wrk script: requests for random product ids ("-- ids <file>"), random product search terms
-- ("-- terms <file>", URL-encoded, one per line) or random /api/search queries ("-- search <file>"),
-- else the URL as given; and a summary with the percentiles wrk's own --latency output leaves out (p95).
local mode, values = nil, {}

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000))
  mode = args[1]
  if args[2] then
    for line in io.lines(args[2]) do
      if #line > 0 then values[#values + 1] = line end
    end
  end
end

function request()
  if mode == "ids" then
    return wrk.format("GET", "/api/products/" .. values[math.random(#values)])
  elseif mode == "terms" then
    return wrk.format("GET", "/api/products?q=" .. values[math.random(#values)])
  elseif mode == "search" then
    return wrk.format("GET", "/api/search?q=" .. values[math.random(#values)])
  end
  return wrk.format("GET")
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
