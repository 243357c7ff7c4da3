-- H2 drops the batch index here (db/vendor/h2); PostgreSQL keeps it. This file keeps both databases' versions in step.
select 1;
