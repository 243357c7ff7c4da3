package nl.salaronline.smtpsettings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

	/** Settings row id to its decrypted form at one version; at most one entry per level. */
	private final ConcurrentHashMap<Long, Decrypted> decrypted = new ConcurrentHashMap<>();

	StoredSmtpSettingsLookup(SmtpSettingsRepository settings) {
		this.settings = settings;
	}

	@Override
	@Transactional(readOnly = true)
	public Map<Long, OwnSmtp> forAccounts(Collection<Long> accountIds) {
		return accountIds.isEmpty() ? Map.of()
				: current(settings.findStampsByAccountIdIn(accountIds), settings::findByAccountIdIn,
						SmtpSettings::getAccountId);
	}

	@Override
	@Transactional(readOnly = true)
	public Map<Long, OwnSmtp> forEmployers(Collection<Long> employerIds) {
		return employerIds.isEmpty() ? Map.of()
				: current(settings.findStampsByEmployerIdIn(employerIds), settings::findByEmployerIdIn,
						SmtpSettings::getEmployerId);
	}

	/** One query for the versions; the rows (and their secrets) are read and decrypted only where a version changed. */
	private Map<Long, OwnSmtp> current(List<SmtpSettingsRepository.Stamp> stamps,
			Function<Collection<Long>, List<SmtpSettings>> load, Function<SmtpSettings, Long> levelOf) {
		Map<Long, OwnSmtp> current = new HashMap<>();
		List<Long> changed = new ArrayList<>();
		for (SmtpSettingsRepository.Stamp stamp : stamps) {
			Decrypted kept = decrypted.get(stamp.getId());
			if (kept != null && kept.version() == stamp.getVersion()) {
				kept.ownSmtp().ifPresent(ownSmtp -> current.put(stamp.getLevelId(), ownSmtp));
			}
			else {
				changed.add(stamp.getLevelId());
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
				stored.getUsername(), credentials(stored), stored.getPinnedCertificateSha256());
		return Optional.of(new OwnSmtp(server, stored.getVersion()));
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
