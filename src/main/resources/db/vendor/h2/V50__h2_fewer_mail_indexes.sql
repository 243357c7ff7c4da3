-- H2 (development and the jar's default, one instance) keeps only the mail indexes the worker and the screens need.
-- H2 2.x carries out an UPDATE by taking the row out of every index of its table and putting it back (Table.updateRows),
-- whichever columns changed; a mail's row is updated twice on its way out (claimed, then SENT), so each index costs
-- every mail four index writes and their commit. PostgreSQL writes only the entries that change (and its queue and
-- status indexes are partial), and keeps these indexes for GET /api/v1/mails over millions of mails (docs/DECISIONS.md).
-- The expired claims are found along ix_mail_status_due's status (only mails being sent, a few claims' worth); the
-- API's query of mails reads the Verzendlog's employer index or the table, and sorts: fine for a development database.
drop index ix_mail_status_lease;
drop index ix_mail_created;
drop index ix_mail_employer_created;
drop index ix_mail_status_created;
