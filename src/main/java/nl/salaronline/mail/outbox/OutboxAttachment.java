package nl.salaronline.mail.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;

/** An attachment of a mail in the outbox, stored with the mail in the same transaction and read by the worker. */
record OutboxAttachment(String mailId, String filename, String contentType, byte[] content) {

	static OutboxAttachment read(ResultSet row, int number) throws SQLException {
		return new OutboxAttachment(row.getString("mail_id"), row.getString("filename"), row.getString("content_type"),
				row.getBytes("content"));
	}

}
