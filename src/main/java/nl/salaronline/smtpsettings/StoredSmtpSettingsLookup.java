package nl.salaronline.smtpsettings;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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
	public Optional<OwnSmtp> forAccount(long accountId) {
		return current(settings.findStampByAccountId(accountId), () -> settings.findByAccountId(accountId));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<OwnSmtp> forEmployer(long employerId) {
		return current(settings.findStampByEmployerId(employerId), () -> settings.findByEmployerId(employerId));
	}

	private Optional<OwnSmtp> current(Optional<SmtpSettingsRepository.Stamp> stamp,
			Supplier<Optional<SmtpSettings>> load) {
		if (stamp.isEmpty()) {
			return Optional.empty();
		}
		Decrypted kept = decrypted.get(stamp.get().getId());
		if (kept != null && kept.version() == stamp.get().getVersion()) {
			return kept.ownSmtp();
		}
		Optional<SmtpSettings> stored = load.get();
		stored.ifPresent(row -> decrypted.put(row.getId(), new Decrypted(row.getVersion(), ownSmtp(row))));
		return stored.flatMap(StoredSmtpSettingsLookup::ownSmtp);
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
