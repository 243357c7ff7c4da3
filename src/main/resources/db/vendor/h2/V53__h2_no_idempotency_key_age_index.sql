-- H2 (development and the jar's default, one instance) does without the index of the idempotency keys' age: every
-- POST with an Idempotency-Key inserts one row, and each index is another map H2 writes and stores for it. The hourly
-- purge of keys older than 24 hours reads the table instead: at most a day's keys, once an hour. PostgreSQL keeps
-- the index (docs/DECISIONS.md).
drop index ix_api_idempotency_key_created;
