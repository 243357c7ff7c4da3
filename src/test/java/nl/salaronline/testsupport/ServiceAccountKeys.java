package nl.salaronline.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/** Google service account keys made in the test: a fresh RSA key pair and the JSON key file around it. */
public final class ServiceAccountKeys {

	private ServiceAccountKeys() {
	}

	public static KeyPair rsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The JSON key file as the Google Cloud console downloads it. */
	public static String json(String clientEmail, KeyPair keyPair, String tokenUri) {
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(keyPair.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		return JsonMapper.shared().writeValueAsString(Map.of("type", "service_account", "project_id",
				"salaronline-test", "private_key_id", UUID.randomUUID().toString().replace("-", ""), "private_key", pem,
				"client_email", clientEmail, "client_id", "1049" + Math.abs(clientEmail.hashCode()), "token_uri",
				tokenUri));
	}

}
