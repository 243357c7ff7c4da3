package nl.salaronline.mail.limits;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import nl.salaronline.smtp.SmtpFailure;
import nl.salaronline.smtp.SmtpFailure.Cause;
import nl.salaronline.smtp.SmtpOAuth2Problem;

/**
 * Whether a failure is the mail's own, or the level's: a "too fast" or "quota reached" reply pauses the level, a refused
 * sign-in, sender address or certificate stalls it (SPEC section 10). docs/DECISIONS.md lists each reply with its
 * published source.
 */
public final class LevelReplies {

	public enum Verdict {

		/** This mail's own failure (a bad recipient, a full inbox of the recipient, a network hiccup). */
		MAIL,

		/** "Slow down": pause the level for a minute, then go on slower. */
		RATE,

		/** "Quota reached": pause the level until its daily window rolls. */
		QUOTA,

		/** The level's server refuses the sign-in, the sender, or the certificate: stop until it is fixed. */
		STALL

	}

	/** Failures that every mail of the level would meet alike: the settings (or the provider's account) are at fault. */
	private static final Set<Cause> LEVEL_CAUSES = EnumSet.of(Cause.AUTHENTICATION_FAILED, Cause.BASIC_AUTH_DISABLED,
			Cause.SENDER_NOT_ALLOWED, Cause.CERTIFICATE_UNTRUSTED, Cause.CERTIFICATE_HOST_MISMATCH,
			Cause.TLS_ON_PLAIN_PORT, Cause.PLAIN_ON_TLS_PORT, Cause.STARTTLS_REQUIRED, Cause.STARTTLS_NOT_OFFERED,
			Cause.HOST_NOT_ALLOWED, Cause.PLAIN_TEXT_SIGN_IN);

	/** Exchange Online's "Sender throttled due to continuous ... errors": 5.2.251 to 5.2.255. */
	private static final Pattern SENDER_THROTTLED = Pattern.compile("\\b5\\.2\\.25[1-5]\\b");

	/** 450/451/452 with an enhanced status code of rate or resource trouble. */
	private static final Pattern RATE_4XX = Pattern.compile("^45[012][ -]4\\.(2\\.1|3\\.2|5\\.3|7\\.\\d+)\\b.*",
			Pattern.DOTALL);

	private LevelReplies() {
	}

	public static Verdict of(SmtpFailure failure) {
		String reply = failure.serverReply() == null ? "" : failure.serverReply().toLowerCase(Locale.ROOT);
		int code = codeOf(reply);
		// the mailbox's own Sent Items are full (Exchange stores every submitted mail there), or Exchange throttles the
		// whole mailbox after continuous errors: every further mail would meet the same reply
		if ((reply.contains("5.2.2") && reply.contains("storedrv.submission"))
				|| SENDER_THROTTLED.matcher(reply).find() || reply.contains("sender throttled due to continuous")) {
			return Verdict.STALL;
		}
		if (reply.contains("submissionquotaexceeded") || reply.contains("5.4.5")
				|| reply.contains("daily user sending limit") || reply.contains("sending quota")) {
			return Verdict.QUOTA;
		}
		if (isRate(code, reply)) {
			return Verdict.RATE;
		}
		// a token endpoint that answers 404, a server error or no JSON has not judged the credentials, but every mail of
		// the level would meet it alike (Microsoft answers a request it cannot read with 404): the level waits
		if (LEVEL_CAUSES.contains(failure.cause())
				|| (failure.cause() == Cause.OAUTH2_TOKEN_FAILED
						&& (!failure.isTransient() || failure.oauth2Problem() == SmtpOAuth2Problem.TOKEN_ENDPOINT_FAULT))) {
			return Verdict.STALL;
		}
		return Verdict.MAIL;
	}

	/**
	 * The Dutch explanation of why a level stalled: Exchange's full Sent Items and its throttling after continuous
	 * errors have their own (with what to do about them), else the failure's own ({@code smtp.failure.<CAUSE>}).
	 */
	public static String reasonKey(String cause, String serverReply) {
		String reply = serverReply == null ? "" : serverReply.toLowerCase(Locale.ROOT);
		if (reply.contains("5.2.2") && reply.contains("storedrv.submission")) {
			return "stall.reason.mailboxFull";
		}
		if (SENDER_THROTTLED.matcher(reply).find() || reply.contains("sender throttled due to continuous")) {
			return "stall.reason.senderThrottled";
		}
		try {
			return "smtp.failure." + Cause.valueOf(cause).name();
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return "smtp.failure.OTHER";
		}
	}

	private static boolean isRate(int code, String reply) {
		if (reply.contains("4.5.127") || reply.contains("excessive message rate")
				|| reply.contains("sender thread limit exceeded")
				|| reply.contains("concurrent connections limit exceeded")) {
			return true;
		}
		if (code == 432 && reply.contains("4.3.2")) {
			return true;
		}
		// Gmail: "421 4.7.0 Try again later", "421 4.7.28 ... unusual rate"; Exchange: "421 4.7.0 Temporary server error"
		if (code == 421 && (reply.contains("4.7.0") || reply.contains("4.7.28"))) {
			return true;
		}
		return RATE_4XX.matcher(reply).matches();
	}

	private static int codeOf(String reply) {
		if (reply.length() < 3 || !Character.isDigit(reply.charAt(0)) || !Character.isDigit(reply.charAt(1))
				|| !Character.isDigit(reply.charAt(2))) {
			return -1;
		}
		return Integer.parseInt(reply.substring(0, 3));
	}

}
