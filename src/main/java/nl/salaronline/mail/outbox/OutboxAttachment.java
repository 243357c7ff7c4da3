package nl.salaronline.mail.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An attachment of a mail in the outbox, stored with the mail in the same transaction. */
@Entity
@Table(name = "mail_attachment")
class OutboxAttachment {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "mail_id", nullable = false, updatable = false)
	private String mailId;

	@Column(nullable = false, updatable = false)
	private int ordinal;

	@Column(nullable = false, updatable = false)
	private String filename;

	@Column(name = "content_type", nullable = false, updatable = false)
	private String contentType;

	@Column(name = "size_bytes", nullable = false, updatable = false)
	private long sizeBytes;

	@Column(nullable = false, updatable = false)
	private byte[] content;

	protected OutboxAttachment() {
	}

	String getMailId() {
		return mailId;
	}

	String getFilename() {
		return filename;
	}

	String getContentType() {
		return contentType;
	}

	byte[] getContent() {
		return content;
	}

}
