package nl.salaronline.devmail;

import java.time.Instant;
import java.util.List;

/**
 * A mail as the catcher received it.
 *
 * @param accountId the account whose outbox mail this is, or {@code null} when it did not come from the outbox
 * @param text the plain-text body, or {@code null}
 * @param html the HTML body, or {@code null}; shown only in a sandboxed frame
 */
record CaughtMail(long id, Instant receivedAt, String from, List<String> to, String replyTo, String subject,
		String text, String html, List<Attachment> attachments, Long accountId) {

	record Attachment(String filename, String contentType, byte[] content) {
	}

	boolean visibleTo(Long accountId, boolean admin) {
		return admin || (accountId != null && accountId.equals(this.accountId));
	}

}
