package nl.salaronline.mail.outbox;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLException;

import jakarta.mail.AuthenticationFailedException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import nl.salaronline.smtp.SmtpFailure;
import nl.salaronline.smtp.SmtpFailure.Cause;
import nl.salaronline.smtp.SmtpFailure.Kind;

/**
 * TEMPORARY stand-in for {@code SmtpFailure.of(Throwable)} of the smtp module, which is being written in parallel;
 * replaced by it once it has landed.
 */
final class Failures {

	private Failures() {
	}

	static SmtpFailure of(Throwable failure) {
		String reply = reply(failure);
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof AuthenticationFailedException) {
				return new SmtpFailure(Kind.PERMANENT, Cause.AUTHENTICATION_FAILED, reply);
			}
			if (t instanceof SMTPSendFailedException || t instanceof SMTPAddressFailedException
					|| t instanceof SMTPSenderFailedException) {
				int code = returnCode(t);
				Kind kind = code >= 400 && code < 500 ? Kind.TRANSIENT : Kind.PERMANENT;
				return new SmtpFailure(kind, kind == Kind.TRANSIENT ? Cause.SERVER_BUSY : Cause.MESSAGE_REJECTED, reply);
			}
			if (t instanceof ConnectException) {
				return new SmtpFailure(Kind.TRANSIENT, Cause.CONNECTION_REFUSED, reply);
			}
			if (t instanceof SocketTimeoutException) {
				return new SmtpFailure(Kind.TRANSIENT, Cause.TIMEOUT, reply);
			}
			if (t instanceof UnknownHostException) {
				return new SmtpFailure(Kind.TRANSIENT, Cause.UNKNOWN_HOST, reply);
			}
			if (t instanceof SSLException) {
				return new SmtpFailure(Kind.PERMANENT, Cause.CERTIFICATE_UNTRUSTED, reply);
			}
		}
		return new SmtpFailure(Kind.TRANSIENT, Cause.OTHER, reply);
	}

	private static int returnCode(Throwable t) {
		if (t instanceof SMTPSendFailedException e) {
			return e.getReturnCode();
		}
		if (t instanceof SMTPAddressFailedException e) {
			return e.getReturnCode();
		}
		return ((SMTPSenderFailedException) t).getReturnCode();
	}

	private static String reply(Throwable failure) {
		String message = failure.getMessage();
		return message == null ? failure.getClass().getSimpleName() : message.strip();
	}

}
