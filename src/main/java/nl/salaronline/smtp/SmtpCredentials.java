package nl.salaronline.smtp;

import nl.salaronline.smtp.oauth2.ServiceAccountKey;

/**
 * The secret part of a level's settings, decrypted, in memory only. {@code toString()} never shows a secret, so a
 * credential that ends up in a log line or an exception message leaks nothing.
 */
public sealed interface SmtpCredentials {

	SmtpAuthMethod method();

	/** "Wachtwoord". */
	record Password(String password) implements SmtpCredentials {

		@Override
		public SmtpAuthMethod method() {
			return SmtpAuthMethod.PASSWORD;
		}

		@Override
		public String toString() {
			return "Password[***]";
		}

	}

	/** "Microsoft 365 (OAuth2)": Tenant-ID, Client-ID, Clientgeheim. */
	record MicrosoftOAuth2(String tenantId, String clientId, String clientSecret) implements SmtpCredentials {

		@Override
		public SmtpAuthMethod method() {
			return SmtpAuthMethod.MICROSOFT_OAUTH2;
		}

		@Override
		public String toString() {
			return "MicrosoftOAuth2[tenant=" + tenantId + ", client=" + clientId + ", secret=***]";
		}

	}

	/** "Google Workspace (OAuth2)": the service account's JSON key, with domain-wide delegation. */
	record GoogleOAuth2(String serviceAccountKeyJson) implements SmtpCredentials {

		@Override
		public SmtpAuthMethod method() {
			return SmtpAuthMethod.GOOGLE_OAUTH2;
		}

		/**
		 * Whether the key is a service account's JSON key with a readable RSA private key; checked here, without
		 * asking Google (Test verbinding asks).
		 */
		public boolean hasUsableKey() {
			return ServiceAccountKey.isUsable(serviceAccountKeyJson);
		}

		@Override
		public String toString() {
			return "GoogleOAuth2[key=***]";
		}

	}

}
