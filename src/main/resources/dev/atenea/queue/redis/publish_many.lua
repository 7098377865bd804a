-- publish_many: puts many messages of one queue in it with one call, ready now or
-- scheduled for later; the same as publish for each, in order.
--
-- KEYS[1] the ready set, KEYS[2] the scheduled set, KEYS[3] the sequence counter,
-- KEYS[4] the wake-up list
-- ARGV[1] the prefix of the queue's message hashes ({p:q:name}:m:), ARGV[2] delay in ms,
-- then four per message: id, handler name, priority 0-9, arguments (JSON)
-- Result: how many were published; an id that is already live is skipped.
-- Events: one token on the wake-up list when any became ready.

local prefix = ARGV[1]
local delay = tonumber(ARGV[2])
local due = 0
if delay > 0 then
  local t = redis.call('TIME')
  due = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + delay
end
local published = 0
for i = 3, #ARGV, 4 do
  local id = ARGV[i]
  local key = prefix .. id
  if redis.call('EXISTS', key) == 0 then
    local priority = tonumber(ARGV[i + 2])
    local seq = redis.call('INCR', KEYS[3])
    redis.call('HSET', key, 'name', ARGV[i + 1], 'priority', priority, 'args', ARGV[i + 3], 'seq', seq,
      'deliveries', 0)
    if delay > 0 then
      redis.call('ZADD', KEYS[2], due, id)
    else
      -- Same score as publish: higher priority first, then older first.
      redis.call('ZADD', KEYS[1], (9 - priority) * 1099511627776 + seq, id)
    end
    published = published + 1
  end
end
if published > 0 and delay <= 0 then
  if redis.call('LLEN', KEYS[4]) == 0 then
    redis.call('LPUSH', KEYS[4], '1')
  end
end
return published
