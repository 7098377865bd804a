-- publish: puts a message in its queue, ready now or scheduled for later.
--
-- KEYS[1] the message hash      {p:q:name}:m:<id>
-- KEYS[2] the ready set         {p:q:name}:ready      (score: priority band, then sequence)
-- KEYS[3] the scheduled set     {p:q:name}:scheduled  (score: due time, ms on Redis's clock)
-- KEYS[4] the sequence counter  {p:q:name}:seq
-- KEYS[5] the wake-up list      {p:q:name}:wake
-- ARGV[1] id, ARGV[2] handler name, ARGV[3] priority 0-9, ARGV[4] arguments (JSON),
-- ARGV[5] delay in ms
-- Result: 1 when published, 0 when a message with this id is already live.
-- Events: a token on the wake-up list, so a blocked worker claims at once.

if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local priority = tonumber(ARGV[3])
local seq = redis.call('INCR', KEYS[4])
redis.call('HSET', KEYS[1], 'name', ARGV[2], 'priority', priority, 'args', ARGV[4], 'seq', seq, 'deliveries', 0)
local delay = tonumber(ARGV[5])
if delay > 0 then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  redis.call('ZADD', KEYS[3], now + delay, ARGV[1])
else
  -- Higher priority first, then older first: 2^40 sequence numbers per priority band
  -- keep the score an exact integer in a double.
  redis.call('ZADD', KEYS[2], (9 - priority) * 1099511627776 + seq, ARGV[1])
  if redis.call('LLEN', KEYS[5]) == 0 then
    redis.call('LPUSH', KEYS[5], '1')
  end
end
return 1
