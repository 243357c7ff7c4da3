-- GET /api/v1/mails?status=...: on PostgreSQL the status index of V45 leaves out SENT mails, like V5's queue indexes,
-- so that the worker's marking a mail SENT adds no entry to it. A query for SENT (nearly every mail) reads
-- ix_mail_created newest first and skips the few others; QUEUED, SENDING and FAILED read this index.
-- H2 has no partial indexes and keeps V45's.
drop index ix_mail_status_created;
create index ix_mail_status_created on mail (status, created_at desc, id desc) where status <> 'SENT';
