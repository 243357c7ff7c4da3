-- H2 drops two of mail's indexes here (db/vendor/h2); PostgreSQL keeps them for the Verzendlog, which it reads newest
-- first along them. This file keeps the versions of both databases in step.
select 1;
