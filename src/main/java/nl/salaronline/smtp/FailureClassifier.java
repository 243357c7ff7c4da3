package nl.salaronline.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import nl.salaronline.smtp.SmtpFailure.Cause;
import nl.salaronline.smtp.socket.HostNotAllowedException;

/**
 * Turns SMTP replies and Jakarta Mail exceptions into an {@link SmtpFailure}. Replies are classified by code and by
 * the enhanced status codes and texts the big providers use; the step the reply answered decides the rest (a 5xx to
 * MAIL FROM is about the sender, to RCPT TO about the recipient).
 */
final class FailureClassifier {

	private static final Pattern REPLY = Pattern.compile("^\\d{3}([ -].*)?$", Pattern.DOTALL);

	static final String LOST = "Geen antwoord: de server verbrak de verbinding";

	/** Whether the server stored the mail before it hung up, nobody knows: it is sent again, with its Message-ID. */
	static final String LOST_AFTER_DATA = "Geen antwoord na het versturen van het bericht: de server verbrak de "
			+ "verbinding (het bericht kan toch zijn afgeleverd)";

	/** Long enough for any real reply, short enough for a screen and a database column. */
	private static final int MAX_REPLY = 1000;

	private FailureClassifier() {
	}

	/** A reply (one or more lines, starting with the three-digit code) to the command of the given step. */
	static SmtpFailure ofReply(SmtpStep step, String reply) {
		String shown = shorten(reply);
		int code = codeOf(reply);
		String text = reply == null ? "" : reply.toLowerCase(Locale.ROOT);
		if (code >= 400 && code < 500) {
			return SmtpFailure.transientFailure(Cause.SERVER_BUSY, shown);
		}
		// Microsoft 365: "535 5.7.139 Authentication unsuccessful, basic authentication is disabled";
		// Google: "534-5.7.9 Application-specific password required"
		if (text.contains("5.7.139") || code == 534) {
			return SmtpFailure.permanent(Cause.BASIC_AUTH_DISABLED, shown);
		}
		if (code == 530 && text.contains("starttls")) {
			return SmtpFailure.permanent(Cause.STARTTLS_REQUIRED, shown);
		}
		// Microsoft 365 "550 5.7.60 SMTP; Client does not have permissions to send as this sender" (SendAsDenied),
		// Postfix "553 5.7.1 <x>: Sender address rejected: not owned by user y" (often at RCPT TO)
		if (text.contains("5.7.60") || text.contains("sendasdenied") || text.contains("not owned by")
				|| text.contains("sender address rejected")) {
			return SmtpFailure.permanent(Cause.SENDER_NOT_ALLOWED, shown);
		}
		if (code == 535 || code == 530) {
			return SmtpFailure.permanent(Cause.AUTHENTICATION_FAILED, shown);
		}
		if (code >= 500 && code < 600 && step != null) {
			switch (step) {
				case TLS:
					return SmtpFailure.permanent(Cause.STARTTLS_NOT_OFFERED, shown);
				case MAIL_FROM:
					return SmtpFailure.permanent(Cause.SENDER_NOT_ALLOWED, shown);
				case RCPT_TO:
					return SmtpFailure.permanent(Cause.RECIPIENT_REJECTED, shown);
				case DATA:
					return SmtpFailure.permanent(Cause.MESSAGE_REJECTED, shown);
				default:
					break;
			}
		}
		return SmtpFailure.permanent(Cause.OTHER, shown);
	}

	static SmtpFailure of(Throwable failure) {
		List<Throwable> chain = chainOf(failure);
		for (Throwable each : chain) {
			if (each instanceof SmtpFailureException classified) {
				return classified.failure();
			}
			if (each instanceof SmtpAccessTokenException token) {
				return SmtpFailure.ofAccessToken(token);
			}
			if (each instanceof HostNotAllowedException) {
				return SmtpFailure.permanent(Cause.HOST_NOT_ALLOWED, shorten(each.getMessage()));
			}
		}
		SmtpFailure lost = ofLostConnection(chain);
		if (lost != null) {
			return lost;
		}
		SmtpFailure reply = ofSmtpReply(chain);
		if (reply != null) {
			return reply;
		}
		SmtpFailure tls = ofTls(chain);
		if (tls != null) {
			return tls;
		}
		for (Throwable each : chain) {
			if (each instanceof UnknownHostException) {
				// a name that does not resolve may be a DNS outage: the sender retries a few times
				return SmtpFailure.transientFailure(Cause.UNKNOWN_HOST, "Unknown host: " + each.getMessage());
			}
			if (each instanceof ConnectException || each instanceof NoRouteToHostException) {
				return SmtpFailure.transientFailure(Cause.CONNECTION_REFUSED, shorten(each.getMessage()));
			}
			if (each instanceof SocketTimeoutException) {
				return SmtpFailure.transientFailure(Cause.TIMEOUT, shorten(each.getMessage()));
			}
		}
		boolean network = chain.stream().anyMatch(IOException.class::isInstance);
		return new SmtpFailure(network ? SmtpFailure.Kind.TRANSIENT : SmtpFailure.Kind.PERMANENT, Cause.OTHER,
				shorten(failure.getMessage()));
	}

	/**
	 * The server hung up, at whatever step: Angus reports end of stream as the "reply" {@code [EOF]} with code -1
	 * (also as {@code response: -1} when it happened before the greeting), and a reset as a {@link SocketException}.
	 * Transient: a restarting or failing-over server is the usual cause. Its own Dutch words rather than
	 * {@code [EOF]}, which the Verzendlog would show as the server's answer.
	 */
	private static SmtpFailure ofLostConnection(List<Throwable> chain) {
		if (chain.stream().anyMatch(SocketTimeoutException.class::isInstance)) {
			return null; // our timeout closed the socket: a TIMEOUT, not the server hanging up
		}
		for (Throwable each : chain) {
			boolean eof = each instanceof EOFException
					|| (each instanceof SocketException && !(each instanceof ConnectException)
							&& !(each instanceof NoRouteToHostException))
					|| (each instanceof SMTPSendFailedException send && send.getReturnCode() == -1)
					|| (each instanceof MessagingException && isEof(each.getMessage()));
			if (eof) {
				boolean afterData = chain.stream()
					.anyMatch(failure -> failure instanceof SMTPSendFailedException send && ".".equals(send.getCommand()));
				return SmtpFailure.transientFailure(Cause.CONNECTION_LOST, afterData ? LOST_AFTER_DATA : LOST);
			}
		}
		return null;
	}

	private static boolean isEof(String message) {
		String text = shorten(message);
		return text.equals("[EOF]") || text.endsWith("response: [EOF]") || text.endsWith("response: -1")
				|| text.startsWith("Exception reading response");
	}

	private static SmtpFailure ofSmtpReply(List<Throwable> chain) {
		// the most specific exception wins: Angus nests the per-address ones inside a general SendFailedException
		for (Throwable each : chain) {
			if (each instanceof SMTPAddressFailedException address) {
				return ofReply(SmtpStep.RCPT_TO, replyOf(address.getReturnCode(), address.getMessage()));
			}
			if (each instanceof SMTPSenderFailedException sender) {
				return ofReply(SmtpStep.MAIL_FROM, replyOf(sender.getReturnCode(), sender.getMessage()));
			}
		}
		for (Throwable each : chain) {
			if (each instanceof SMTPSendFailedException send) {
				return ofReply(stepOf(send.getCommand()), replyOf(send.getReturnCode(), send.getMessage()));
			}
			if (each instanceof AuthenticationFailedException auth) {
				String message = shorten(auth.getMessage());
				return REPLY.matcher(message).matches() ? ofReply(SmtpStep.AUTH, message)
						: SmtpFailure.permanent(Cause.AUTHENTICATION_FAILED, shorten(message));
			}
			if (each instanceof MessagingException && each.getMessage() != null
					&& each.getMessage().contains("STARTTLS is required but host does not support STARTTLS")) {
				return SmtpFailure.permanent(Cause.STARTTLS_NOT_OFFERED, shorten(each.getMessage()));
			}
		}
		for (Throwable each : chain) {
			if (each instanceof MessagingException && REPLY.matcher(shorten(each.getMessage())).matches()) {
				return ofReply(null, shorten(each.getMessage()));
			}
		}
		return null;
	}

	private static SmtpFailure ofTls(List<Throwable> chain) {
		for (Throwable each : chain) {
			String message = String.valueOf(each.getMessage());
			if (message.contains("No subject alternative") || message.contains("No name matching")) {
				return SmtpFailure.permanent(Cause.CERTIFICATE_HOST_MISMATCH, shorten(message));
			}
		}
		for (Throwable each : chain) {
			if (each instanceof CertPathBuilderException || each instanceof CertPathValidatorException
					|| each instanceof CertificateExpiredException || each instanceof CertificateNotYetValidException
					|| String.valueOf(each.getMessage()).contains("PKIX path")) {
				return SmtpFailure.permanent(Cause.CERTIFICATE_UNTRUSTED, shorten(each.getMessage()));
			}
		}
		for (Throwable each : chain) {
			// the server answered our TLS ClientHello with plain text, e.g. its "220" greeting
			if (each instanceof SSLException
					&& String.valueOf(each.getMessage()).contains("Unsupported or unrecognized SSL message")) {
				return SmtpFailure.permanent(Cause.TLS_ON_PLAIN_PORT, shorten(each.getMessage()));
			}
		}
		return null;
	}

	private static SmtpStep stepOf(String command) {
		String upper = command == null ? "" : command.toUpperCase(Locale.ROOT);
		if (upper.startsWith("MAIL FROM")) {
			return SmtpStep.MAIL_FROM;
		}
		if (upper.startsWith("RCPT")) {
			return SmtpStep.RCPT_TO;
		}
		if (upper.startsWith("AUTH")) {
			return SmtpStep.AUTH;
		}
		return SmtpStep.DATA;
	}

	private static String replyOf(int code, String message) {
		String text = shorten(message);
		return REPLY.matcher(text).matches() || code <= 0 ? text : code + " " + text;
	}

	static int codeOf(String reply) {
		if (reply == null || reply.length() < 3) {
			return -1;
		}
		for (int i = 0; i < 3; i++) {
			if (!Character.isDigit(reply.charAt(i))) {
				return -1;
			}
		}
		return Integer.parseInt(reply.substring(0, 3));
	}

	static String shorten(String text) {
		if (text == null) {
			return "";
		}
		// MessagingException.getMessage() appends its nested exception; keep only its own words
		int nested = text.indexOf(";\n  nested exception is:");
		String stripped = (nested >= 0 ? text.substring(0, nested) : text).strip();
		return stripped.length() <= MAX_REPLY ? stripped : stripped.substring(0, MAX_REPLY) + "...";
	}

	/** The exception and everything it wraps, via getCause() and MessagingException's next exception. */
	private static List<Throwable> chainOf(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		List<Throwable> todo = new ArrayList<>(List.of(failure));
		while (!todo.isEmpty() && chain.size() < 50) {
			Throwable each = todo.remove(0);
			if (each == null || !seen.add(each)) {
				continue;
			}
			chain.add(each);
			todo.add(each.getCause());
			if (each instanceof MessagingException messaging) {
				todo.add(messaging.getNextException());
			}
			for (Throwable suppressed : each.getSuppressed()) {
				todo.add(suppressed);
			}
		}
		return chain;
	}

}
