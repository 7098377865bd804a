-- renew: extends the lease of a message still held by the same delivery.
--
-- KEYS[1] the leased set, KEYS[2] the message hash
-- ARGV[1] id, ARGV[2] the delivery's lease token (its delivery count), ARGV[3] lease ms
-- Result: 1 when renewed, 0 when the lease was lost (expired and handed on, or gone).

if redis.call('HGET', KEYS[2], 'deliveries') ~= ARGV[2] or not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
return 1
