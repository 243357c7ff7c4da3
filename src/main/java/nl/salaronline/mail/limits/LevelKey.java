package nl.salaronline.mail.limits;

/**
 * A level whose own SMTP server mails go through: an account (its mails to its employers) or an employer (its mails
 * to its employees). The outbox's channels are named after it ({@code ACCOUNT:7}, {@code EMPLOYER:12}).
 */
public record LevelKey(Kind kind, long id) {

	public enum Kind {

		ACCOUNT, EMPLOYER

	}

	/** The level of an own-SMTP channel name, or {@code null} for the default transport's. */
	public static LevelKey ofChannel(String channel) {
		int colon = channel.indexOf(':');
		if (colon < 0) {
			return null;
		}
		return new LevelKey(Kind.valueOf(channel.substring(0, colon)), Long.parseLong(channel.substring(colon + 1)));
	}

	/** The mail column that names this level's mails (with {@link #recipientKind()}). */
	public String mailColumn() {
		return kind == Kind.ACCOUNT ? "account_id" : "employer_id";
	}

	/** Mails of an account level go to employers, of an employer level to employees. */
	public String recipientKind() {
		return kind == Kind.ACCOUNT ? "EMPLOYER" : "EMPLOYEE";
	}

}
