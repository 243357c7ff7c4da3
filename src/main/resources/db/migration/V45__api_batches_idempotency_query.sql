-- The HTTP API for integrators: batches, idempotency keys and the query of mails, newest first.
-- Portable SQL for H2 and PostgreSQL.

-- the batch a mail was posted in (POST /api/v1/mail-batches); null for a mail posted on its own
alter table mail add column batch_id varchar(36);
create index ix_mail_batch on mail (batch_id);

-- GET /api/v1/mails, newest first: without a filter, by employer, by status (each with or without "since"); id breaks
-- ties between mails created in the same microsecond so that paging is stable
create index ix_mail_created on mail (created_at desc, id desc);
create index ix_mail_employer_created on mail (employer_id, created_at desc, id desc);
create index ix_mail_status_created on mail (status, created_at desc, id desc);

-- Idempotency-Key of the POST endpoints: one row per service user and key, inserted in the transaction that stores
-- the mails, so that a second request with the key (on any instance) finds it or waits for it. answer_status is null
-- only inside that transaction. Expired after 24 hours by the outbox's purge.
create table api_idempotency_key (
    username        varchar(100)  not null,
    idempotency_key varchar(255)  not null,
    request_hash    varchar(64)   not null,
    answer_status   integer,
    answer_location varchar(200),
    answer_body     text,
    created_at      timestamp with time zone not null,
    constraint pk_api_idempotency_key primary key (username, idempotency_key)
);
create index ix_api_idempotency_key_created on api_idempotency_key (created_at);
