-- Mails due at the same moment (a level's mails that waited for its sending limit or stall all become due together)
-- are claimed in the order they were handed over: the due index carries the creation time as its second key.
drop index ix_mail_queued_due;
create index ix_mail_queued_due on mail (next_attempt_at, created_at) where status = 'QUEUED';
