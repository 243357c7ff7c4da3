package nl.salaronline.mail.outbox;

import nl.salaronline.mail.MailId;

/** A mail was stored (or put back) in the outbox; this instance's worker looks at once instead of at its next poll. */
record MailQueued(MailId id) {
}
