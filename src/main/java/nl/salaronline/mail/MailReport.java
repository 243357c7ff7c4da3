package nl.salaronline.mail;

/**
 * What became of a mail, as {@code GET /api/v1/mails/{id}} shows it.
 *
 * @param transport the transport of the last attempt; {@code null} before the first
 * @param from the From address of the last attempt; {@code null} before the first
 * @param attempts how many times sending was tried
 * @param lastError the server's reply (or what went wrong) when the last attempt failed; {@code null} otherwise
 * @param waitingFor why a QUEUED mail waits (SPEC section 10): RETRY after a failure, RATE_LIMIT for its level's sending
 * limit or a throttling reply, STALLED while its level's server refuses; {@code null} when it is not waiting
 * @param nextAttemptAt when a QUEUED mail is due; {@code null} otherwise
 */
public record MailReport(MailId id, MailStatus status, MailTransport transport, String from, int attempts,
		String lastError, String waitingFor, java.time.Instant nextAttemptAt) {
}
