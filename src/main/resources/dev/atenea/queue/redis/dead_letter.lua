-- dead_letter: moves a delivered message to its queue's dead letters.
--
-- KEYS[1] the leased set, KEYS[2] the message hash, KEYS[3] the dead-letter list
-- ARGV[1] id, ARGV[2] the delivery's lease token, ARGV[3] the reason,
-- ARGV[4] how many dead letters a queue keeps
-- Result: 1 when moved, 0 when the lease was already lost.

if redis.call('HGET', KEYS[2], 'deliveries') ~= ARGV[2] then
  return 0
end
local fields = redis.call('HMGET', KEYS[2], 'name', 'priority', 'args', 'deliveries')
local t = redis.call('TIME')
redis.call('LPUSH', KEYS[3], cjson.encode({
  id = ARGV[1], name = fields[1], priority = tonumber(fields[2]), args = fields[3],
  deliveries = tonumber(fields[4]), reason = ARGV[3], at = tonumber(t[1])
}))
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[4]) - 1)
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
return 1
