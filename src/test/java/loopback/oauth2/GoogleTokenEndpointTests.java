package loopback.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The loopback Google token endpoint checks a service account's JWT-bearer assertion the way Google documents it
 * (RS256 signed with the account's key; iss = client_email, sub = the impersonated mailbox, aud = the token endpoint,
 * scope, at most one hour from iat to exp) and answers with Google's error shape: {@code error} and
 * {@code error_description}, nothing else.
 */
class GoogleTokenEndpointTests {

	private static final String CLIENT_EMAIL = "loonmail@salaronline-test.iam.gserviceaccount.com";

	private static final String MAILBOX = "salaris@korenbloem.nl";

	private static LoopbackAuthorizationServer server;

	private static KeyPair key;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@BeforeAll
	static void start() throws Exception {
		server = LoopbackAuthorizationServer.start();
		key = rsaKeyPair();
		server.registerServiceAccount(CLIENT_EMAIL, (RSAPublicKey) key.getPublic(), Duration.ofHours(1),
				LoopbackAuthorizationServer.GOOGLE_SCOPE);
		server.addGoogleMailbox(MAILBOX);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void anAssertionAsGoogleDocumentsItGetsAToken() throws Exception {
		HttpResponse<String> answer = post(signed(key, claims -> claims));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(json(answer).path("access_token").asString()).isNotBlank();
		assertThat(json(answer).path("token_type").asString()).isEqualToIgnoringCase("Bearer");
	}

	@Test
	void anAssertionSignedWithAnotherKeyIsAnInvalidSignature() throws Exception {
		assertGoogleError(post(signed(rsaKeyPair(), claims -> claims)), "invalid_grant", "Invalid JWT Signature.");
	}

	@Test
	void anAssertionNotSignedWithRs256IsAnInvalidSignature() throws Exception {
		SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(claims -> claims));
		hmac.sign(new MACSigner(new byte[32]));

		assertGoogleError(post(hmac.serialize()), "invalid_grant", "Invalid JWT Signature.");
	}

	@Test
	void anAssertionValidForMoreThanAnHourIsRefused() throws Exception {
		Instant now = Instant.now();

		assertGoogleError(post(signed(key, claims -> claims.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(61)))))), "invalid_grant",
				"Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check "
						+ "your iat and exp values in the JWT claim.");
	}

	@Test
	void anAssertionForAnotherAudienceIsRefused() throws Exception {
		assertGoogleError(post(signed(key, claims -> claims.audience("https://oauth2.googleapis.com/token"))),
				"invalid_grant", "Invalid JWT: Failed audience check.");
	}

	@Test
	void anAssertionForAMailboxOutsideTheDomainIsRefused() throws Exception {
		assertGoogleError(post(signed(key, claims -> claims.subject("iemand@elders.nl"))), "invalid_grant",
				"Invalid email or User ID");
	}

	@Test
	void anAssertionWithoutScopeIsRefused() throws Exception {
		assertGoogleError(post(signed(key, claims -> claims.claim("scope", null))), "invalid_scope",
				"Empty or missing scope not allowed.");
	}

	@Test
	void anAssertionForAScopeWithoutDelegationIsRefused() throws Exception {
		assertGoogleError(post(signed(key, claims -> claims.claim("scope", "https://www.googleapis.com/auth/drive"))),
				"unauthorized_client", "Client is unauthorized to retrieve access tokens using this method, or client "
						+ "not authorized for any of the scopes requested.");
	}

	@Test
	void anAssertionOfAnUnknownServiceAccountIsRefused() throws Exception {
		assertGoogleError(post(signed(key, claims -> claims.issuer("weg@salaronline-test.iam.gserviceaccount.com"))),
				"invalid_grant", "Invalid grant: account not found");
	}

	private static void assertGoogleError(HttpResponse<String> answer, String error, String description) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
		JsonNode body = json(answer);
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("error", "error_description");
		assertThat(body.path("error").asString()).isEqualTo(error);
		assertThat(body.path("error_description").asString()).isEqualTo(description);
	}

	private HttpResponse<String> post(String assertion) throws Exception {
		String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer",
				StandardCharsets.UTF_8) + "&assertion=" + assertion;
		HttpRequest request = HttpRequest.newBuilder(URI.create(server.googleTokenUri()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.timeout(Duration.ofSeconds(5))
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** An assertion as Google's client libraries make it, changed by {@code change}, signed RS256 with the key. */
	private static String signed(KeyPair signingKey, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
			.keyID(UUID.randomUUID().toString().replace("-", ""))
			.build(), claims(change));
		jwt.sign(new RSASSASigner(signingKey.getPrivate()));
		return jwt.serialize();
	}

	private static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
		Instant now = Instant.now();
		return change.apply(new JWTClaimsSet.Builder().issuer(CLIENT_EMAIL)
			.subject(MAILBOX)
			.audience(server.googleTokenUri())
			.claim("scope", LoopbackAuthorizationServer.GOOGLE_SCOPE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofHours(1))))).build();
	}

	private static JsonNode json(HttpResponse<String> answer) {
		return JsonMapper.shared().readTree(answer.body());
	}

	private static KeyPair rsaKeyPair() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

}
