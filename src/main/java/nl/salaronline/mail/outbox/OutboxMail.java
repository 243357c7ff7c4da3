package nl.salaronline.mail.outbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import nl.salaronline.mail.MailId;
import nl.salaronline.mail.MailReport;
import nl.salaronline.mail.MailStatus;
import nl.salaronline.mail.MailTransport;
import nl.salaronline.mail.RecipientKind;

/**
 * A mail in the outbox, which is also its Verzendlog entry. Read through JPA; inserted by {@link OutboxMailService}
 * with batched JDBC, and every change of status goes through {@link Outbox}'s conditional updates, so two workers can
 * never both think they own it.
 */
@Entity
@Table(name = "mail")
public class OutboxMail {

	@Id
	private String id;

	@Column(name = "employer_id", nullable = false, updatable = false)
	private Long employerId;

	@Column(name = "account_id", nullable = false, updatable = false)
	private Long accountId;

	@Enumerated(EnumType.STRING)
	@Column(name = "recipient_kind", nullable = false, updatable = false)
	private RecipientKind recipientKind;

	@Column(name = "to_address", nullable = false, updatable = false)
	private String toAddress;

	@Column(nullable = false, updatable = false)
	private String subject;

	@Column(name = "body_text", updatable = false)
	private String text;

	@Column(name = "body_html", updatable = false)
	private String html;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, updatable = false)
	private MailStatus status;

	@Column(nullable = false, updatable = false)
	private int attempts;

	@Column(name = "next_attempt_at", nullable = false, updatable = false)
	private Instant nextAttemptAt;

	@Column(name = "claimed_by", updatable = false)
	private String claimedBy;

	@Column(name = "claim_token", updatable = false)
	private String claimToken;

	@Column(name = "claimed_until", updatable = false)
	private Instant claimedUntil;

	@Enumerated(EnumType.STRING)
	@Column(updatable = false)
	private MailTransport transport;

	@Column(name = "from_address", updatable = false)
	private String fromAddress;

	@Column(name = "last_reply", updatable = false)
	private String lastReply;

	@Column(name = "last_failure", updatable = false)
	private String lastFailure;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false, updatable = false)
	private Instant updatedAt;

	@Column(name = "sent_at", updatable = false)
	private Instant sentAt;

	/** RATE_LIMIT or STALLED while its level waits (SPEC section 10); see {@link #waitingFor()}. */
	@Column(name = "waiting_for", updatable = false)
	private String waitingFor;

	protected OutboxMail() {
	}

	public MailReport report() {
		return new MailReport(new MailId(id), status, transport, fromAddress, attempts,
				lastFailure == null ? null : lastReply, waitingFor(), status == MailStatus.QUEUED ? nextAttemptAt : null);
	}

	/**
	 * Why a QUEUED mail waits: RATE_LIMIT or STALLED (its level), RETRY (after a failure of its own), or {@code null}
	 * (not waiting: handed over just now, being sent, or done).
	 */
	public String waitingFor() {
		if (status != MailStatus.QUEUED) {
			return null;
		}
		if (waitingFor != null) {
			return waitingFor;
		}
		return attempts > 0 ? "RETRY" : null;
	}

	public MailId mailId() {
		return new MailId(id);
	}

	public String getId() {
		return id;
	}

	public Long getEmployerId() {
		return employerId;
	}

	public Long getAccountId() {
		return accountId;
	}

	public RecipientKind getRecipientKind() {
		return recipientKind;
	}

	public String getToAddress() {
		return toAddress;
	}

	public String getSubject() {
		return subject;
	}

	public String getText() {
		return text;
	}

	public String getHtml() {
		return html;
	}

	public MailStatus getStatus() {
		return status;
	}

	public int getAttempts() {
		return attempts;
	}

	public Instant getNextAttemptAt() {
		return nextAttemptAt;
	}

	public String getClaimedBy() {
		return claimedBy;
	}

	public String getClaimToken() {
		return claimToken;
	}

	public Instant getClaimedUntil() {
		return claimedUntil;
	}

	public MailTransport getTransport() {
		return transport;
	}

	public String getFromAddress() {
		return fromAddress;
	}

	public String getLastReply() {
		return lastReply;
	}

	/** The failure cause of the last attempt (an {@code SmtpFailure.Cause} name), {@code null} after success. */
	public String getLastFailure() {
		return lastFailure;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

	public Instant getSentAt() {
		return sentAt;
	}

}
