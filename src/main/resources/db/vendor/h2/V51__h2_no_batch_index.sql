-- H2 (development and the jar's default, one instance) also does without the index of a mail's batch: like the indexes
-- V50 dropped, H2 takes every mail out of it and puts it back on each UPDATE (claimed, then SENT), for every mail, in
-- a batch or not. GET /api/v1/mail-batches/{id} counts a batch's mails by reading the table instead: milliseconds for
-- a development database of thousands of mails. PostgreSQL keeps the index (docs/DECISIONS.md).
drop index ix_mail_batch;
