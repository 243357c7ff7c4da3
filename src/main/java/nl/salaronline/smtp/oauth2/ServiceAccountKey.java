package nl.salaronline.smtp.oauth2;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import nl.salaronline.smtp.SmtpAccessTokenException;
import nl.salaronline.smtp.SmtpOAuth2Problem;

/**
 * The parts of a Google service account's JSON key file that sign the JWT-bearer assertion. {@code toString()}
 * hides the private key.
 *
 * @param clientEmail {@code client_email}: the assertion's issuer
 * @param privateKeyId {@code private_key_id}: the assertion's {@code kid}, so Google picks the right public key
 * @param privateKey {@code private_key}: PKCS#8 PEM as Google writes it
 */
public record ServiceAccountKey(String clientEmail, String privateKeyId, RSAPrivateKey privateKey) {

	/** Whether the text is a service account's JSON key with a readable RSA private key (Google is not asked). */
	public static boolean isUsable(String json) {
		try {
			parse(json);
			return true;
		}
		catch (SmtpAccessTokenException ex) {
			return false;
		}
	}

	/**
	 * @throws SmtpAccessTokenException with {@link SmtpOAuth2Problem#INVALID_KEY_FILE}; its message never quotes the
	 * key (neither does it keep the parser's exception, whose message may show a piece of the input)
	 */
	static ServiceAccountKey parse(String json) throws SmtpAccessTokenException {
		JsonNode key;
		try {
			key = JsonMapper.shared().readTree(json == null ? "" : json);
		}
		catch (JacksonException ex) {
			throw invalid("not JSON");
		}
		if (key == null || !key.isObject()) {
			throw invalid("not a JSON object");
		}
		if (!"service_account".equals(text(key, "type"))) {
			throw invalid("\"type\" is not \"service_account\"");
		}
		String clientEmail = text(key, "client_email");
		String pem = text(key, "private_key");
		if (clientEmail == null || clientEmail.isBlank() || pem == null) {
			throw invalid("\"client_email\" or \"private_key\" is missing");
		}
		return new ServiceAccountKey(clientEmail, text(key, "private_key_id"), rsaPrivateKey(pem));
	}

	private static RSAPrivateKey rsaPrivateKey(String pem) throws SmtpAccessTokenException {
		String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
			.replace("-----END PRIVATE KEY-----", "")
			.replaceAll("\\s", "");
		try {
			byte[] der = Base64.getDecoder().decode(base64);
			return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
		}
		catch (IllegalArgumentException | GeneralSecurityException | ClassCastException ex) {
			throw invalid("\"private_key\" is not an RSA private key in PKCS#8 PEM");
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static SmtpAccessTokenException invalid(String why) {
		return new SmtpAccessTokenException("Service account key: " + why, null, SmtpOAuth2Problem.INVALID_KEY_FILE,
				null);
	}

	@Override
	public String toString() {
		return "ServiceAccountKey[" + clientEmail + ", " + privateKeyId + ", ***]";
	}

}
