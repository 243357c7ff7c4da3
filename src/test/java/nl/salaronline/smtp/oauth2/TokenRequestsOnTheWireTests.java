package nl.salaronline.smtp.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import loopback.oauth2.LoopbackAuthorizationServer;
import loopback.oauth2.LoopbackAuthorizationServer.MicrosoftApp;
import loopback.oauth2.LoopbackAuthorizationServer.TokenRequest;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpServer;
import nl.salaronline.testsupport.LoopbackOAuth2;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token requests as the providers receive them: a form with a {@code Content-Length}, never chunked. Microsoft's
 * token endpoint answers 404 to a body without a length (envoyproxy/envoy#20179, panva/openid-client#420); the
 * loopback endpoint does the same, which the first tests show with requests written by hand.
 */
class TokenRequestsOnTheWireTests {

	private static LoopbackOAuth2 loopback;

	private static OAuth2AccessTokens tokens;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@BeforeAll
	static void start() {
		loopback = new LoopbackOAuth2();
		tokens = new OAuth2AccessTokens(loopback.properties(Duration.ofSeconds(5)));
	}

	@AfterAll
	static void stop() {
		loopback.close();
	}

	@Test
	void theMicrosoftEndpointAnswers404ToAChunkedRequestAndATokenToTheSameFormWithALength() throws Exception {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(tenant(), Duration.ofHours(1));
		byte[] form = form(app);

		HttpResponse<String> chunked = http.send(post(app, chunkedBody(form)), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> withLength = http.send(post(app, HttpRequest.BodyPublishers.ofByteArray(form)),
				HttpResponse.BodyHandlers.ofString());

		assertThat(chunked.statusCode()).isEqualTo(404);
		assertThat(withLength.statusCode()).isEqualTo(200);
		assertThat(JsonMapper.shared().readTree(withLength.body()).path("access_token").asString()).isNotBlank();
		assertThat(requestsOf(app.clientId())).extracting(request -> request.header("transfer-encoding"))
			.containsExactly(List.of("chunked"), List.of());
	}

	@Test
	void theMicrosoftEndpointAnswers404ToABodyWithoutAnyLength() throws Exception {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(tenant(), Duration.ofHours(1));
		String form = new String(form(app), StandardCharsets.US_ASCII);
		URI uri = URI.create(tokenUri(app));

		// HTTP/1.1 without Content-Length or Transfer-Encoding: the body ends when the client closes its side
		String statusLine;
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), uri.getPort())) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1:" + uri.getPort()
					+ "\r\nContent-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n" + form)
				.getBytes(StandardCharsets.US_ASCII));
			socket.shutdownOutput();
			statusLine = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines()
				.findFirst()
				.orElse("");
		}

		assertThat(statusLine).startsWith("HTTP/1.1 404");
	}

	@Test
	void theMicrosoftEndpointRefusesAWrongSecretInEntrasShape() throws Exception {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(tenant(), Duration.ofHours(1));
		byte[] form = ("grant_type=client_credentials&client_id=" + app.clientId() + "&client_secret=verkeerd&scope="
				+ LoopbackAuthorizationServer.MICROSOFT_SCOPE).getBytes(StandardCharsets.UTF_8);

		HttpResponse<String> refused = http.send(post(app, HttpRequest.BodyPublishers.ofByteArray(form)),
				HttpResponse.BodyHandlers.ofString());

		JsonNode error = JsonMapper.shared().readTree(refused.body());
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(error.path("error").asString()).isEqualTo("invalid_client");
		assertThat(error.path("error_description").asString()).startsWith("AADSTS7000215: Invalid client secret");
		assertThat(error.path("error_codes").get(0).asInt()).isEqualTo(7000215);
		assertThat(error.path("trace_id").asString()).isNotBlank();
	}

	@Test
	void microsoftsTokenRequestCarriesItsFormWithAContentLength() throws Exception {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(tenant(), Duration.ofHours(1));
		SmtpServer server = loopback.server(LoopbackOAuth2.uniqueMailbox(), new SmtpCredentials.MicrosoftOAuth2(
				app.tenantId(), app.clientId(), app.clientSecret()));

		assertThat(tokens.accessToken(server)).isNotBlank();

		assertThat(requestsOf(app.clientId())).singleElement().satisfies(request -> {
			assertThat(request.header("transfer-encoding")).isEmpty();
			assertThat(request.header("content-length")).singleElement()
				.isEqualTo(String.valueOf(form(app).length));
			assertThat(request.header("content-type")).singleElement()
				.asString()
				.startsWith("application/x-www-form-urlencoded");
			assertThat(request.header("accept")).containsExactly("application/json");
		});
	}

	@Test
	void googlesTokenRequestCarriesItsFormWithAContentLength() throws Exception {
		String clientEmail = "loonmail-" + UUID.randomUUID().toString().substring(0, 8)
				+ "@salaronline-test.iam.gserviceaccount.com";
		KeyPair keyPair = LoopbackOAuth2.rsaKeyPair();
		loopback.auth.registerServiceAccount(clientEmail, (RSAPublicKey) keyPair.getPublic(), Duration.ofHours(1),
				LoopbackAuthorizationServer.GOOGLE_SCOPE);
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.auth.addGoogleMailbox(mailbox);
		SmtpServer server = loopback.server(mailbox, new SmtpCredentials.GoogleOAuth2(
				LoopbackOAuth2.serviceAccountKeyJson(clientEmail, keyPair, loopback.auth.googleTokenUri())));

		assertThat(tokens.accessToken(server)).isNotBlank();

		assertThat(requestsOf(clientEmail)).singleElement().satisfies(request -> {
			assertThat(request.header("transfer-encoding")).isEmpty();
			// grant_type and a signed RS256 assertion: some hundred bytes
			assertThat(request.header("content-length")).singleElement()
				.satisfies(length -> assertThat(Integer.parseInt(length)).isGreaterThan(300));
			assertThat(request.header("content-type")).singleElement()
				.asString()
				.startsWith("application/x-www-form-urlencoded");
		});
	}

	private static List<TokenRequest> requestsOf(String client) {
		return loopback.auth.tokenRequests().stream().filter(request -> client.equals(request.client())).toList();
	}

	/** The form exactly as the product encodes it for Microsoft. */
	private static byte[] form(MicrosoftApp app) {
		return ("grant_type=client_credentials&client_id=" + app.clientId() + "&client_secret="
				+ java.net.URLEncoder.encode(app.clientSecret(), StandardCharsets.UTF_8) + "&scope="
				+ java.net.URLEncoder.encode(LoopbackAuthorizationServer.MICROSOFT_SCOPE, StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8);
	}

	private static HttpRequest post(MicrosoftApp app, HttpRequest.BodyPublisher body) {
		return HttpRequest.newBuilder(URI.create(tokenUri(app)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.timeout(Duration.ofSeconds(5))
			.POST(body)
			.build();
	}

	private static String tokenUri(MicrosoftApp app) {
		return loopback.auth.microsoftTokenUri().replace("{tenant}", app.tenantId());
	}

	/** A body of unknown length: the JDK client sends it chunked. */
	private static HttpRequest.BodyPublisher chunkedBody(byte[] form) {
		Flow.Publisher<ByteBuffer> publisher = subscriber -> {
			SubmissionPublisher<ByteBuffer> once = new SubmissionPublisher<>();
			once.subscribe(subscriber);
			once.submit(ByteBuffer.wrap(form));
			once.close();
		};
		return HttpRequest.BodyPublishers.fromPublisher(publisher);
	}

	private static String tenant() {
		return "kantoor-" + UUID.randomUUID().toString().substring(0, 8) + ".onmicrosoft.com";
	}

}
