package nl.salaronline.smtp.oauth2;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code salaronline.mail.oauth2.*}: where the OAuth2 tokens for SMTP come from (SPEC section 9). The endpoints and
 * scopes are configurable so tests and sovereign clouds (e.g. {@code login.microsoftonline.us} with
 * {@code https://outlook.office365.us/.default}) can point elsewhere.
 *
 * @param microsoft Microsoft 365 (Entra ID) client-credentials grant
 * @param google Google Workspace service-account JWT-bearer grant
 * @param timeout connect and read timeout of a token request
 * @param refreshMargin how long before expiry a cached token is replaced (at most a tenth of its lifetime)
 */
@ConfigurationProperties("salaronline.mail.oauth2")
public record OAuth2Properties(@DefaultValue Microsoft microsoft, @DefaultValue Google google,
		@DefaultValue("10s") Duration timeout, @DefaultValue("5m") Duration refreshMargin) {

	/**
	 * @param tokenUri token endpoint; {@code {tenant}} is replaced by the level's Tenant-ID
	 * @param scope the scope asked for; Exchange Online's {@code .default} gives the app's SMTP.SendAsApp role
	 */
	public record Microsoft(
			@DefaultValue("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token") String tokenUri,
			@DefaultValue("https://outlook.office365.com/.default") String scope) {
	}

	/**
	 * @param tokenUri token endpoint, also the assertion's audience
	 * @param scope the scope asked for, which domain-wide delegation must grant
	 */
	public record Google(@DefaultValue("https://oauth2.googleapis.com/token") String tokenUri,
			@DefaultValue("https://mail.google.com/") String scope) {
	}

}
