package nl.salaronline.smtpsettings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpServer;

/**
 * Reads the stored settings' version on every call, so a change saved through one instance counts at once for all.
 * The decrypted settings are kept per settings row and version: jasypt's key derivation costs milliseconds of CPU per
 * secret, too much for every mail of a payroll run. Every save raises the version (JPA {@code @Version}), so a kept
 * entry is used only while the row is unchanged; key rotation re-encrypts without changing the plaintext.
 */
@Service
class StoredSmtpSettingsLookup implements SmtpSettingsLookup {

	private final SmtpSettingsRepository settings;

	private final JdbcClient jdbc;

	/** Settings row id to its decrypted form at one version; at most one entry per level. */
	private final ConcurrentHashMap<Long, Decrypted> decrypted = new ConcurrentHashMap<>();

	StoredSmtpSettingsLookup(SmtpSettingsRepository settings, JdbcClient jdbc) {
		this.settings = settings;
		this.jdbc = jdbc;
	}

	// no transaction of its own: the versions are one statement, and a read-only transaction around it cost four more
	// round trips to PostgreSQL (begin, read-only on and off, commit) for every claim of the worker
	@Override
	public Map<Long, OwnSmtp> forAccounts(Collection<Long> accountIds) {
		return accountIds.isEmpty() ? Map.of()
				: current(stamps("account_id", accountIds), settings::findByAccountIdIn, SmtpSettings::getAccountId);
	}

	@Override
	public Map<Long, OwnSmtp> forEmployers(Collection<Long> employerIds) {
		return employerIds.isEmpty() ? Map.of()
				: current(stamps("employer_id", employerIds), settings::findByEmployerIdIn, SmtpSettings::getEmployerId);
	}

	/**
	 * Which settings row each level has and its version, without reading the secrets: plain JDBC, as this runs for
	 * every claim of the outbox worker (a JPA projection costs several times more per row).
	 */
	private List<Stamp> stamps(String levelColumn, Collection<Long> levelIds) {
		// one array parameter rather than an "in" list of as many: one statement PostgreSQL plans once, whatever the count
		return jdbc.sql("select id, version, " + levelColumn + " from smtp_settings where " + levelColumn + " = any(:ids)")
			.param("ids", levelIds.toArray(Long[]::new))
			.query((row, number) -> new Stamp(row.getLong(1), row.getLong(2), row.getLong(3)))
			.list();
	}

	private record Stamp(long id, long version, long levelId) {
	}

	/** One query for the versions; the rows (and their secrets) are read and decrypted only where a version changed. */
	private Map<Long, OwnSmtp> current(List<Stamp> stamps,
			Function<Collection<Long>, List<SmtpSettings>> load, Function<SmtpSettings, Long> levelOf) {
		Map<Long, OwnSmtp> current = new HashMap<>();
		List<Long> changed = new ArrayList<>();
		for (Stamp stamp : stamps) {
			Decrypted kept = decrypted.get(stamp.id());
			if (kept != null && kept.version() == stamp.version()) {
				kept.ownSmtp().ifPresent(ownSmtp -> current.put(stamp.levelId(), ownSmtp));
			}
			else {
				changed.add(stamp.levelId());
			}
		}
		if (!changed.isEmpty()) {
			for (SmtpSettings row : load.apply(changed)) {
				Decrypted fresh = new Decrypted(row.getVersion(), ownSmtp(row));
				decrypted.put(row.getId(), fresh);
				fresh.ownSmtp().ifPresent(ownSmtp -> current.put(levelOf.apply(row), ownSmtp));
			}
		}
		return current;
	}

	private record Decrypted(long version, Optional<OwnSmtp> ownSmtp) {
	}

	private static Optional<OwnSmtp> ownSmtp(SmtpSettings stored) {
		if (!stored.isEnabled()) {
			return Optional.empty();
		}
		SmtpServer server = new SmtpServer(stored.getHost(), stored.getPort(), stored.getSecurity(),
				stored.getUsername(), credentials(stored), stored.getPinnedCertificateSha256(),
				stored.isPlainTextSignInConfirmed());
		return Optional.of(new OwnSmtp(server, stored.getVersion(), stored.getMaxPerMinute(), stored.getMaxPerDay(),
				stored.isFallbackToDefault()));
	}

	private static SmtpCredentials credentials(SmtpSettings stored) {
		return switch (stored.getAuthMethod()) {
			case PASSWORD -> new SmtpCredentials.Password(stored.password());
			case MICROSOFT_OAUTH2 -> new SmtpCredentials.MicrosoftOAuth2(stored.oauthTenantId(),
					stored.oauthClientId(), stored.oauthClientSecret());
			case GOOGLE_OAUTH2 -> new SmtpCredentials.GoogleOAuth2(stored.googleServiceAccountKey());
		};
	}

}
