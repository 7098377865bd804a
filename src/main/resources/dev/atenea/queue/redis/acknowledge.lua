-- acknowledge: removes a delivered message for good.
--
-- KEYS[1] the leased set, KEYS[2] the message hash
-- ARGV[1] id, ARGV[2] the delivery's lease token (its delivery count)
-- Result: 1 when removed, 0 when a later delivery holds the message now (it runs again,
-- and its handler finds the work done).

if redis.call('HGET', KEYS[2], 'deliveries') ~= ARGV[2] then
  return 0
end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
return 1
