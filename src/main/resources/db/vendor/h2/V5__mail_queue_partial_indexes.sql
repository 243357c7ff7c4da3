-- PostgreSQL replaces the worker's queue indexes with partial ones here (db/vendor/postgresql). H2 has no partial
-- indexes and keeps V3's (status, next_attempt_at) and (status, claimed_until); this file keeps the versions of both
-- databases in step.
select 1;
