-- Mails due at the same moment are claimed in the order they were handed over (see the PostgreSQL version).
drop index ix_mail_status_due;
create index ix_mail_status_due on mail (status, next_attempt_at, created_at);
