package nl.salaronline.smtpsettings;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpServer;

/** Reads the stored settings on every call, so a change saved through one instance counts at once for all. */
@Service
class StoredSmtpSettingsLookup implements SmtpSettingsLookup {

	private final SmtpSettingsRepository settings;

	StoredSmtpSettingsLookup(SmtpSettingsRepository settings) {
		this.settings = settings;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<OwnSmtp> forAccount(long accountId) {
		return settings.findByAccountId(accountId).flatMap(StoredSmtpSettingsLookup::ownSmtp);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<OwnSmtp> forEmployer(long employerId) {
		return settings.findByEmployerId(employerId).flatMap(StoredSmtpSettingsLookup::ownSmtp);
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
