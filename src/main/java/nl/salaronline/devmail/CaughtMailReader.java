package nl.salaronline.devmail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Reads a received message into what the Postvak shows: headers, text and HTML body, attachments. */
final class CaughtMailReader {

	private static final Session SESSION = Session.getInstance(new Properties());

	private final List<CaughtMail.Attachment> attachments = new ArrayList<>();

	private String text;

	private String html;

	private CaughtMailReader() {
	}

	/** The message's Message-ID, read before the rest to link it to its outbox mail. */
	static MimeMessage parse(byte[] data) throws MessagingException {
		return new MimeMessage(SESSION, new ByteArrayInputStream(data));
	}

	static CaughtMail read(MimeMessage message, long id, Instant receivedAt, Long accountId)
			throws MessagingException, IOException {
		CaughtMailReader reader = new CaughtMailReader();
		reader.walk(message);
		Address[] to = message.getRecipients(Message.RecipientType.TO);
		// getReplyTo() falls back to From; only a Reply-To header of its own is shown
		String replyTo = message.getHeader("Reply-To") == null ? null : addresses(message.getReplyTo());
		return new CaughtMail(id, receivedAt, addresses(message.getFrom()),
				to == null ? List.of() : Arrays.stream(to).map(CaughtMailReader::unicode).toList(), replyTo,
				message.getSubject(), reader.text, reader.html, List.copyOf(reader.attachments), accountId);
	}

	private void walk(Part part) throws MessagingException, IOException {
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				walk(child);
			}
		}
		else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
			attachments.add(new CaughtMail.Attachment(part.getFileName() == null ? "bijlage" : part.getFileName(),
					part.getContentType(), part.getInputStream().readAllBytes()));
		}
		else if (part.isMimeType("text/html") && html == null) {
			html = (String) part.getContent();
		}
		else if (part.isMimeType("text/plain") && text == null) {
			text = (String) part.getContent();
		}
	}

	private static String addresses(Address[] addresses) {
		return addresses == null ? null
				: String.join(", ", Arrays.stream(addresses).map(CaughtMailReader::unicode).toList());
	}

	/** "Bakkerij De Korenbloem via SalarOnline <no-reply@…>" as sent, not MIME-encoded. */
	private static String unicode(Address address) {
		return address instanceof InternetAddress internet ? internet.toUnicodeString() : address.toString();
	}

}
