-- H2 drops the index of the idempotency keys' age here (db/vendor/h2); PostgreSQL keeps it for the hourly purge. This
-- file keeps the versions of both databases in step.
select 1;
