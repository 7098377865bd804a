-- claim: leases up to ARGV[2] ready messages of one queue to a worker.
--
-- KEYS[1] the ready set, KEYS[2] the scheduled set, KEYS[3] the leased set
--         (score: lease expiry, ms on Redis's clock), KEYS[4] the wake-up list,
--         KEYS[5] (optional) the hash of a finished message of this queue to acknowledge
-- ARGV[1] the prefix of the queue's message hashes ({p:q:name}:m:)
-- ARGV[2] how many to lease at most, ARGV[3] the lease time in ms,
-- ARGV[4], ARGV[5] (with KEYS[5]) the finished message's id and lease token
-- Result: { {id, name, priority, args, deliveries, ...}, ms until the next scheduled
--          message or lease comes due (-1: none) }
-- First moves due scheduled messages and expired leases back to the ready set, then
-- pops the highest priority, oldest messages. The delivery count is raised here, before
-- any handler runs, so a message that kills its worker every time still reaches the cap.
-- Events: a token on the wake-up list when ready messages remain, so another worker helps.

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local prefix = ARGV[1]

-- A worker that just finished a message acknowledges it here, as acknowledge.lua does,
-- and takes its next one in the same call.
if KEYS[5] and redis.call('HGET', KEYS[5], 'deliveries') == ARGV[5] then
  redis.call('ZREM', KEYS[3], ARGV[4])
  redis.call('DEL', KEYS[5])
end

-- Moves due scheduled messages and expired leases back to the ready set. Most calls find
-- nothing due: one look at the earliest entry of each set settles that, and the same look
-- tells how long until the next one comes due.
local next_due = -1
local function note_due(at)
  local wait = math.max(0, at - now)
  if next_due < 0 or wait < next_due then
    next_due = wait
  end
end
local function back_to_ready(set)
  local first = redis.call('ZRANGE', set, 0, 0, 'WITHSCORES')
  if not first[2] then
    return
  end
  if tonumber(first[2]) > now then
    note_due(tonumber(first[2]))
    return
  end
  local due = redis.call('ZRANGEBYSCORE', set, '-inf', now, 'LIMIT', 0, 1000)
  for _, id in ipairs(due) do
    redis.call('ZREM', set, id)
    local fields = redis.call('HMGET', prefix .. id, 'priority', 'seq')
    if fields[1] then
      redis.call('ZADD', KEYS[1], (9 - tonumber(fields[1])) * 1099511627776 + tonumber(fields[2]), id)
    end
  end
  local rest = redis.call('ZRANGE', set, 0, 0, 'WITHSCORES')
  if rest[2] then
    note_due(tonumber(rest[2]))
  end
end
back_to_ready(KEYS[2])
back_to_ready(KEYS[3])

local claimed = {}
local popped = redis.call('ZPOPMIN', KEYS[1], tonumber(ARGV[2]))
for i = 1, #popped, 2 do
  local id = popped[i]
  local fields = redis.call('HMGET', prefix .. id, 'name', 'priority', 'args')
  -- A message acknowledged while its expired lease waited here has no hash: skip it.
  if fields[1] then
    local deliveries = redis.call('HINCRBY', prefix .. id, 'deliveries', 1)
    redis.call('ZADD', KEYS[3], now + tonumber(ARGV[3]), id)
    table.insert(claimed, id)
    table.insert(claimed, fields[1])
    table.insert(claimed, fields[2])
    table.insert(claimed, fields[3])
    table.insert(claimed, tostring(deliveries))
  end
end

-- The leases just given come due too.
if #claimed > 0 then
  note_due(now + tonumber(ARGV[3]))
end

-- One token is enough to wake a worker; most calls find it already there.
if redis.call('ZCARD', KEYS[1]) > 0 and redis.call('LLEN', KEYS[4]) == 0 then
  redis.call('LPUSH', KEYS[4], '1')
end

return {claimed, next_due}
