package nl.salaronline.mail.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;

import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;

import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import nl.salaronline.smtp.MailAddressRule;

/**
 * Builds the MIME message of an outbox mail for a route. The Message-ID is derived from the mail's id, so if a mail is
 * ever sent twice (a worker crashed right after the server accepted it) both copies carry the same Message-ID and
 * mail clients can show it once.
 */
@Component
class MessageComposer {

	private final String messageIdDomain;

	MessageComposer(OutboxProperties properties) {
		String from = properties.defaultFrom();
		this.messageIdDomain = from.substring(from.indexOf('@') + 1);
	}

	MimeMessage compose(ClaimedMail mail, List<OutboxAttachment> attachments, Route route, Session session)
			throws MessagingException {
		MimeMessage message = new OutboxMessage(session, "<" + mail.id() + "@" + messageIdDomain + ">");
		boolean bothBodies = mail.text() != null && mail.html() != null;
		MimeMessageHelper helper = new Helper(message, bothBodies || !attachments.isEmpty());
		helper.setFrom(route.from());
		if (route.replyTo() != null) {
			helper.setReplyTo(route.replyTo());
		}
		if (!MailAddressRule.isValid(mail.toAddress())) {
			// stored before the rule was this strict: refused here rather than sent half-understood
			throw new AddressException("not a plain e-mail address", mail.toAddress());
		}
		helper.setTo(new InternetAddress(mail.toAddress(), true));
		helper.setSubject(mail.subject());
		helper.setSentDate(new Date());
		if (bothBodies) {
			helper.setText(mail.text(), mail.html());
		}
		else if (mail.html() != null) {
			helper.setText(mail.html(), true);
		}
		else {
			helper.setText(mail.text() == null ? "" : mail.text());
		}
		for (OutboxAttachment attachment : attachments) {
			helper.addAttachment(attachment.filename(),
					new ByteArrayDataSource(attachment.content(), attachment.contentType()));
		}
		return message;
	}

	/**
	 * {@link MimeMessageHelper} builds a new file type map for every message, reading every {@code mime.types} on the
	 * class path: in a profile of bulk sending that was about half of the sending thread's time. Our attachments carry
	 * their content type, so one shared map does.
	 */
	private static final class Helper extends MimeMessageHelper {

		private static final FileTypeMap SHARED_TYPES = sharedTypes();

		Helper(MimeMessage message, boolean multipart) throws MessagingException {
			super(message, multipart, StandardCharsets.UTF_8.name());
		}

		@Override
		protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
			return SHARED_TYPES;
		}

		private static FileTypeMap sharedTypes() {
			ConfigurableMimeFileTypeMap types = new ConfigurableMimeFileTypeMap();
			types.afterPropertiesSet();
			return types;
		}

	}

	/** A message whose Message-ID is fixed instead of random per attempt. */
	private static final class OutboxMessage extends MimeMessage {

		private final String messageId;

		OutboxMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", messageId);
		}

	}

}
