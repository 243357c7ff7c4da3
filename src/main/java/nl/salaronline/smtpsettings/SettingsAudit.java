package nl.salaronline.smtpsettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtp.SmtpAuthMethod;
import nl.salaronline.smtp.SmtpSecurity;
import nl.salaronline.smtpsettings.SettingsChange.FieldChange;

/**
 * Records what a save changed. Take a {@link Snapshot} before changing the settings, then call {@link #record}
 * after: it compares the two and stores one entry naming each changed field (a secret only by name).
 */
@Component
class SettingsAudit {

	private final SettingsChangeRepository changes;

	private final EmployerRepository employers;

	SettingsAudit(SettingsChangeRepository changes, EmployerRepository employers) {
		this.changes = changes;
		this.employers = employers;
	}

	void record(SettingsLevel level, Snapshot before, SmtpSettings after, String changedBy, Instant at) {
		List<FieldChange> changed = before.changesTo(Snapshot.of(after));
		if (changed.isEmpty()) {
			return;
		}
		long accountId = switch (level.kind()) {
			case ACCOUNT -> level.id();
			case EMPLOYER -> employers.findById(level.id()).orElseThrow().getAccountId();
		};
		Long employerId = level.kind() == SettingsLevel.Kind.EMPLOYER ? level.id() : null;
		String label = level.code() == null ? level.name() : level.code() + " " + level.name();
		changes.save(new SettingsChange(accountId, employerId, label, changedBy, at, changed));
	}

	List<SettingsChange> recentFor(SettingsLevel level) {
		return switch (level.kind()) {
			case ACCOUNT -> changes.findTop20ByAccountIdAndEmployerIdIsNullOrderByChangedAtDescIdDesc(level.id());
			case EMPLOYER -> changes.findTop20ByEmployerIdOrderByChangedAtDescIdDesc(level.id());
		};
	}

	/** The audited values of a level's settings at one moment; secrets are compared in memory, never stored. */
	record Snapshot(boolean enabled, String host, Integer port, String username, String security, String authMethod,
			String pinnedCertificate, String tenantId, String clientId, List<String> secrets, boolean plainTextSignIn,
			String maxPerMinute, String maxPerDay, String fallback) {

		/** The fixed option texts of the screen (SPEC section 3), the same in every language. */
		private static final Map<SmtpSecurity, String> SECURITY_LABELS = Map.of(
				SmtpSecurity.NONE, "Geen", SmtpSecurity.STARTTLS, "STARTTLS",
				SmtpSecurity.SSL_TLS, "SSL/TLS");

		/** The fixed texts of "Aanmelden met" (SPEC section 9), the same in every language. */
		private static final Map<SmtpAuthMethod, String> AUTH_METHOD_LABELS = Map.of(SmtpAuthMethod.PASSWORD,
				"Wachtwoord", SmtpAuthMethod.MICROSOFT_OAUTH2, "Microsoft 365 (OAuth2)", SmtpAuthMethod.GOOGLE_OAUTH2,
				"Google Workspace (OAuth2)");

		static final Snapshot NONE = new Snapshot(false, null, null, null, null, null, null, null, null,
				Arrays.asList(null, null, null), false, null, null, "uit");

		static Snapshot of(SmtpSettings settings) {
			if (settings == null) {
				return NONE;
			}
			return new Snapshot(settings.isEnabled(), settings.getHost(), settings.getPort(), settings.getUsername(),
					settings.getSecurity() == null ? null : SECURITY_LABELS.get(settings.getSecurity()),
					settings.getAuthMethod() == null ? null : AUTH_METHOD_LABELS.get(settings.getAuthMethod()),
					settings.getPinnedCertificateSha256(), settings.oauthTenantId(), settings.oauthClientId(),
					Arrays.asList(settings.password(), settings.oauthClientSecret(),
							settings.googleServiceAccountKey()),
					settings.isPlainTextSignInConfirmed(),
					settings.getMaxPerMinute() == null ? null : settings.getMaxPerMinute().toString(),
					settings.getMaxPerDay() == null ? null : settings.getMaxPerDay().toString(),
					settings.isFallbackToDefault() ? "aan" : "uit");
		}

		List<FieldChange> changesTo(Snapshot after) {
			List<FieldChange> result = new ArrayList<>();
			compare(result, "enabled", enabled ? "aan" : "uit", after.enabled ? "aan" : "uit");
			compare(result, "host", host, after.host);
			compare(result, "port", port == null ? null : port.toString(),
					after.port == null ? null : after.port.toString());
			compare(result, "username", username, after.username);
			compare(result, "security", security, after.security);
			compare(result, "authMethod", authMethod, after.authMethod);
			compare(result, "pinnedCertificate", pinnedCertificate, after.pinnedCertificate);
			compare(result, "tenantId", tenantId, after.tenantId);
			compare(result, "clientId", clientId, after.clientId);
			// who accepted that the secret crosses the network unencrypted, and when
			compare(result, "plainTextSignIn", plainTextSignIn ? "aan" : "uit", after.plainTextSignIn ? "aan" : "uit");
			compare(result, "maxPerMinute", maxPerMinute, after.maxPerMinute);
			compare(result, "maxPerDay", maxPerDay, after.maxPerDay);
			compare(result, "fallbackToDefault", fallback, after.fallback);
			String[] secretFields = { "password", "clientSecret", "serviceAccountKey" };
			for (int i = 0; i < secretFields.length; i++) {
				if (!Objects.equals(secrets.get(i), after.secrets.get(i))) {
					result.add(FieldChange.secret(secretFields[i]));
				}
			}
			return result;
		}

		private static void compare(List<FieldChange> result, String field, String before, String after) {
			if (!Objects.equals(before, after)) {
				result.add(new FieldChange(field, before == null ? "" : before, after == null ? "" : after));
			}
		}

		@Override
		public String toString() {
			return "Snapshot[" + host + ":" + port + ", secrets=***]";
		}

	}

}
