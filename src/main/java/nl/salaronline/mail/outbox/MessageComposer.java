package nl.salaronline.mail.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;

import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

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

	MimeMessage compose(OutboxMail mail, List<OutboxAttachment> attachments, Route route, Session session)
			throws MessagingException {
		MimeMessage message = new OutboxMessage(session, "<" + mail.getId() + "@" + messageIdDomain + ">");
		boolean bothBodies = mail.getText() != null && mail.getHtml() != null;
		MimeMessageHelper helper = new MimeMessageHelper(message, bothBodies || !attachments.isEmpty(),
				StandardCharsets.UTF_8.name());
		helper.setFrom(route.from());
		if (route.replyTo() != null) {
			helper.setReplyTo(route.replyTo());
		}
		helper.setTo(new InternetAddress(mail.getToAddress(), true));
		helper.setSubject(mail.getSubject());
		helper.setSentDate(new Date());
		if (bothBodies) {
			helper.setText(mail.getText(), mail.getHtml());
		}
		else if (mail.getHtml() != null) {
			helper.setText(mail.getHtml(), true);
		}
		else {
			helper.setText(mail.getText() == null ? "" : mail.getText());
		}
		for (OutboxAttachment attachment : attachments) {
			helper.addAttachment(attachment.getFilename(),
					new ByteArrayDataSource(attachment.getContent(), attachment.getContentType()));
		}
		return message;
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
