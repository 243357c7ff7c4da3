-- PostgreSQL makes V45's status index partial here (db/vendor/postgresql). H2 has no partial indexes and keeps V45's;
-- this file keeps the versions of both databases in step.
select 1;
