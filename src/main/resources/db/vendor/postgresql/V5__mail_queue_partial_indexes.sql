-- The worker's queue indexes hold only the mails still waiting or being sent (and the failed ones, for the admin),
-- instead of every mail ever sent. Each change of status writes a new row version with an entry in every index whose
-- condition it meets: a mail marked SENT now adds none to these, and the indexes stay as small as the queue.
-- PostgreSQL only: H2 has no partial indexes and keeps V3's.
drop index ix_mail_status_due;
drop index ix_mail_status_lease;
-- the claim of due mails and the health check
create index ix_mail_queued_due on mail (next_attempt_at) where status = 'QUEUED';
-- the take-over of expired claims
create index ix_mail_sending_lease on mail (claimed_until) where status = 'SENDING';
-- the admin queue screen's failed mails, newest first
create index ix_mail_failed_created on mail (created_at) where status = 'FAILED';
