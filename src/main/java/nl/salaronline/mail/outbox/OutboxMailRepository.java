package nl.salaronline.mail.outbox;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import nl.salaronline.mail.MailStatus;
import nl.salaronline.mail.RecipientKind;

/** Reads the outbox for the Verzendlog and the API. Changes of status go through {@link Outbox}. */
public interface OutboxMailRepository extends JpaRepository<OutboxMail, String> {

	/** The account level's Verzendlog: mails to the account's employers. */
	Page<OutboxMail> findByAccountIdAndRecipientKind(Long accountId, RecipientKind recipientKind, Pageable page);

	/** The employer level's Verzendlog: mails to the employer's employees. */
	Page<OutboxMail> findByEmployerIdAndRecipientKind(Long employerId, RecipientKind recipientKind, Pageable page);

	/** The account level's Verzendlog filtered by status. */
	Page<OutboxMail> findByAccountIdAndRecipientKindAndStatus(Long accountId, RecipientKind recipientKind,
			MailStatus status, Pageable page);

	/** The employer level's Verzendlog filtered by status. */
	Page<OutboxMail> findByEmployerIdAndRecipientKindAndStatus(Long employerId, RecipientKind recipientKind,
			MailStatus status, Pageable page);

	Optional<OutboxMail> findByIdAndAccountIdAndRecipientKind(String id, Long accountId, RecipientKind kind);

	Optional<OutboxMail> findByIdAndEmployerIdAndRecipientKind(String id, Long employerId, RecipientKind kind);

	/** The platform's mail queue for the admin. */
	Page<OutboxMail> findByStatus(MailStatus status, Pageable page);

}
