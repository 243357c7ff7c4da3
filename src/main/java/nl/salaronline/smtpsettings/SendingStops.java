package nl.salaronline.smtpsettings;

import java.util.List;
import java.util.Optional;

/**
 * Whether a level's sending is stopped (SPEC section 10), for the banner "Verzenden gestopt" on its screens and the
 * list on the Gebruiker start page. Implemented by the mail service, which stops and resumes levels.
 */
public interface SendingStops {

	/** @param levelKind ACCOUNT or EMPLOYER */
	Optional<SendingStop> of(String levelKind, long levelId);

	/** Every stopped level of the account (its own and its employers'). */
	List<StoppedLevel> ofAccount(long accountId);

	/**
	 * @param since when it stopped, in Dutch time (dd-MM-yyyy HH:mm)
	 * @param reasonKey the message key of the Dutch explanation
	 * @param reply the server's own reply
	 * @param waiting how many mails wait
	 * @param nextRetry when the worker tries again by itself, in Dutch time
	 * @param fallback whether the mails go through SalarOnline meanwhile
	 */
	record SendingStop(String since, String reasonKey, String reply, long waiting, String nextRetry,
			boolean fallback) {
	}

	/**
	 * @param levelKind ACCOUNT or EMPLOYER
	 * @param code the employer's code, {@code null} for the account
	 * @param name the account's or employer's name
	 * @param since when it stopped, in Dutch time
	 * @param path its SMTP Instellingen
	 */
	record StoppedLevel(String levelKind, String code, String name, String since, String path) {
	}

}
