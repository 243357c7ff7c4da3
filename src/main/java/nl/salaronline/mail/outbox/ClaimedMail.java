package nl.salaronline.mail.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

import nl.salaronline.mail.RecipientKind;

/**
 * A mail as a worker sends it: what its claim read of the outbox row, with plain JDBC (reading the claim through JPA
 * was a third of the claiming thread's time in the benchmark).
 *
 * @param attempts counted at claim time, this attempt included
 * @param attachmentBytes the size of its attachments together, 0 when it has none
 */
record ClaimedMail(String id, long employerId, long accountId, RecipientKind recipientKind, String toAddress,
		String subject, String text, String html, int attempts, Instant createdAt, long attachmentBytes) {

	static final String COLUMNS = """
			m.id, m.employer_id, m.account_id, m.recipient_kind, m.to_address, m.subject, m.body_text, m.body_html,
			m.attempts, m.created_at,
			coalesce((select sum(a.size_bytes) from mail_attachment a where a.mail_id = m.id), 0) as attachment_bytes""";

	static ClaimedMail read(ResultSet row, int number) throws SQLException {
		return new ClaimedMail(row.getString("id"), row.getLong("employer_id"), row.getLong("account_id"),
				RecipientKind.valueOf(row.getString("recipient_kind")), row.getString("to_address"),
				row.getString("subject"), row.getString("body_text"), row.getString("body_html"),
				row.getInt("attempts"), row.getObject("created_at", OffsetDateTime.class).toInstant(),
				row.getLong("attachment_bytes"));
	}

	MailRouter.Level level() {
		return new MailRouter.Level(recipientKind, employerId);
	}

}
