-- release: gives a delivered message back, to run again after a delay.
--
-- KEYS[1] the leased set, KEYS[2] the message hash, KEYS[3] the ready set,
-- KEYS[4] the scheduled set, KEYS[5] the wake-up list
-- ARGV[1] id, ARGV[2] the delivery's lease token, ARGV[3] delay in ms
-- Result: 1 when given back, 0 when the lease was already lost.
-- Events: a token on the wake-up list when ready at once.

if redis.call('HGET', KEYS[2], 'deliveries') ~= ARGV[2] or not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
redis.call('ZREM', KEYS[1], ARGV[1])
local delay = tonumber(ARGV[3])
if delay > 0 then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  redis.call('ZADD', KEYS[4], now + delay, ARGV[1])
else
  local fields = redis.call('HMGET', KEYS[2], 'priority', 'seq')
  redis.call('ZADD', KEYS[3], (9 - tonumber(fields[1])) * 1099511627776 + tonumber(fields[2]), ARGV[1])
  if redis.call('LLEN', KEYS[5]) == 0 then
    redis.call('LPUSH', KEYS[5], '1')
  end
end
return 1
