/**
 * The mail service (SPEC section 5). Payroll modules hand a mail to {@link nl.salaronline.mail.MailService} (or POST
 * it to {@code /api/v1/mails}) and forget it: the mail is stored in a persistent outbox before it is acknowledged, and
 * a background worker sends it through the right transport (the employer's own SMTP, the account's own SMTP, or the
 * platform's default transport), retrying transient failures with backoff. Each level's Verzendlog shows what
 * happened. The base package is the API; {@code outbox}, {@code web} and {@code idempotency} (the API's
 * Idempotency-Key) and {@code outage} (a transport's outages, logged once) are internal.
 */
package nl.salaronline.mail;
