package nl.salaronline.smtp.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nl.salaronline.smtp.SmtpAccessTokenException;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpOAuth2Problem;
import nl.salaronline.smtp.SmtpSecurity;
import nl.salaronline.smtp.SmtpServer;
import nl.salaronline.testsupport.LoopbackOAuth2;

/**
 * Token endpoints that cannot be reached, do not answer, answer with Microsoft Entra's documented error bodies
 * (served from loopback, in the shape Entra sends them: {@code error}, {@code error_description} starting with the
 * AADSTS code, {@code error_codes}), or answer with a fault: 404, a server error, no JSON.
 */
class TokenEndpointFailureTests {

	private static final SmtpCredentials.MicrosoftOAuth2 CREDENTIALS = new SmtpCredentials.MicrosoftOAuth2(
			"contoso.onmicrosoft.com", "6731de76-14a6-49ae-97bc-6eba6914391e", "Zx8Q~geheim.vanDeApp-0123456789");

	private final List<AutoCloseable> servers = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable server : servers) {
			server.close();
		}
	}

	@Test
	void anUnreachableTokenEndpointIsATransientProblem() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		OAuth2AccessTokens tokens = tokens("http://127.0.0.1:" + closedPort + "/{tenant}/oauth2/v2.0/token",
				Duration.ofSeconds(2));

		SmtpAccessTokenException failed = catchThrowableOfType(SmtpAccessTokenException.class,
				() -> tokens.accessToken(server()));

		assertThat(failed.problem()).isEqualTo(SmtpOAuth2Problem.TOKEN_ENDPOINT_UNREACHABLE);
		assertThat(failed.isTransient()).isTrue();
	}

	@Test
	void aTokenEndpointThatDoesNotAnswerTimesOut() throws IOException {
		ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
		servers.add(silent);
		List<Socket> accepted = new ArrayList<>();
		Thread acceptor = new Thread(() -> {
			try {
				while (true) {
					accepted.add(silent.accept());
				}
			}
			catch (IOException closed) {
				// the test is over
			}
		});
		acceptor.setDaemon(true);
		acceptor.start();
		OAuth2AccessTokens tokens = tokens(
				"http://127.0.0.1:" + silent.getLocalPort() + "/{tenant}/oauth2/v2.0/token", Duration.ofMillis(500));

		SmtpAccessTokenException failed = catchThrowableOfType(SmtpAccessTokenException.class,
				() -> tokens.accessToken(server()));

		assertThat(failed.problem()).isEqualTo(SmtpOAuth2Problem.TOKEN_ENDPOINT_TIMEOUT);
		assertThat(failed.isTransient()).isTrue();
		assertThat(accepted).isNotEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"400|unauthorized_client|700016|AADSTS700016: Application with identifier '6731de76-14a6-49ae-97bc-6eba6914391e' was not found in the directory 'Contoso'.|UNKNOWN_APPLICATION",
			"401|invalid_client|7000215|AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.|WRONG_CLIENT_SECRET",
			"401|invalid_client|7000222|AADSTS7000222: The provided client secret keys for app '6731de76-14a6-49ae-97bc-6eba6914391e' are expired.|EXPIRED_CLIENT_SECRET",
			"400|invalid_request|900023|AADSTS900023: Specified tenant identifier 'contoso.onmicrosoft.com' is neither a valid DNS name, nor a valid external domain.|UNKNOWN_TENANT",
			"400|invalid_request|90002|AADSTS90002: Tenant 'contoso.onmicrosoft.com' not found.|UNKNOWN_TENANT" })
	void entrasErrorsAreExplainedWithTheirAadstsCode(int status, String error, int code, String description,
			SmtpOAuth2Problem expected) throws IOException {
		String body = "{\"error\":\"" + error + "\",\"error_description\":\"" + description
				+ "\\r\\nTrace ID: 0d1b4f6e-7c11-4a2e-9d3c-1f2e3d4c5b00\\r\\nCorrelation ID: "
				+ "8a1b2c3d-0000-4000-8000-000000000000\\r\\nTimestamp: 2026-11-26 10:00:00Z\",\"error_codes\":[" + code
				+ "],\"timestamp\":\"2026-11-26 10:00:00Z\",\"trace_id\":\"0d1b4f6e-7c11-4a2e-9d3c-1f2e3d4c5b00\","
				+ "\"correlation_id\":\"8a1b2c3d-0000-4000-8000-000000000000\"}";
		OAuth2AccessTokens tokens = tokens(entra(status, body) + "/{tenant}/oauth2/v2.0/token", Duration.ofSeconds(2));

		SmtpAccessTokenException refused = catchThrowableOfType(SmtpAccessTokenException.class,
				() -> tokens.accessToken(server()));

		assertThat(refused.problem()).isEqualTo(expected);
		assertThat(refused.providerError()).isEqualTo("AADSTS" + code);
		assertThat(refused.getMessage()).doesNotContain(CREDENTIALS.clientSecret());
		assertThat(DutchMessages.of(expected)).isNotBlank();
	}

	@Test
	void aSecretEchoedByTheProviderIsBlankedOut() throws IOException {
		String body = "{\"error\":\"invalid_client\",\"error_description\":\"client_secret "
				+ CREDENTIALS.clientSecret() + " is wrong\"}";
		OAuth2AccessTokens tokens = tokens(entra(401, body) + "/{tenant}/oauth2/v2.0/token", Duration.ofSeconds(2));

		SmtpAccessTokenException refused = catchThrowableOfType(SmtpAccessTokenException.class,
				() -> tokens.accessToken(server()));

		assertThat(refused.problem()).isEqualTo(SmtpOAuth2Problem.WRONG_CLIENT_SECRET);
		assertThat(refused.getMessage()).contains("client_secret *** is wrong")
			.doesNotContain(CREDENTIALS.clientSecret());
	}

	/**
	 * 404 (what Microsoft answers a chunked request), server errors and answers that are no JSON say nothing about the
	 * credentials: explained with the provider and the status, and transient, so the level's mails wait.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"404|text/html; charset=us-ascii|<HTML><BODY><h2>Not Found</h2></BODY></HTML>|HTTP 404 Not Found (text/html)",
			"502|text/html|<html>Bad Gateway</html>|HTTP 502 Bad Gateway (text/html)",
			"503|application/json; charset=utf-8|{\"error\":\"temporarily_unavailable\",\"error_description\":\"AADSTS50196: The server terminated an operation because it encountered a client request loop.\",\"error_codes\":[50196]}|HTTP 503 Service Unavailable",
			"200|text/html|<html>Sign in</html>|HTTP 200 OK (text/html)",
			"400|text/plain|Bad Request|HTTP 400 Bad Request (text/plain)" })
	void aTokenEndpointFaultIsTransientAndNamesTheProviderAndTheStatus(int status, String contentType, String body,
			String answer) throws IOException {
		OAuth2AccessTokens tokens = tokens(endpoint(status, contentType, body) + "/{tenant}/oauth2/v2.0/token",
				Duration.ofSeconds(2));

		SmtpAccessTokenException failed = catchThrowableOfType(SmtpAccessTokenException.class,
				() -> tokens.accessToken(server()));

		assertThat(failed.problem()).isEqualTo(SmtpOAuth2Problem.TOKEN_ENDPOINT_FAULT);
		assertThat(failed.isTransient()).isTrue();
		assertThat(failed.providerError()).isEqualTo(answer);
		assertThat(DutchMessages.of(failed))
			.startsWith("Het token-adres van Microsoft antwoordde " + status + " in plaats van een token.")
			.contains("De mails van dit niveau wachten");
		assertThat(failed.getMessage()).doesNotContain(CREDENTIALS.clientSecret());
	}

	@Test
	void googlesTokenEndpointFaultNamesGoogle() throws IOException {
		String tokenUri = endpoint(404, "text/html", "<html>Not Found</html>") + "/token";
		OAuth2AccessTokens tokens = new OAuth2AccessTokens(new OAuth2Properties(
				new OAuth2Properties.Microsoft("http://127.0.0.1:9/{tenant}/token",
						"https://outlook.office365.com/.default"),
				new OAuth2Properties.Google(tokenUri, "https://mail.google.com/"), Duration.ofSeconds(2),
				Duration.ofMinutes(5)));
		String key = LoopbackOAuth2.serviceAccountKeyJson("loonmail@salaronline-test.iam.gserviceaccount.com",
				LoopbackOAuth2.rsaKeyPair(), tokenUri);
		SmtpServer server = new SmtpServer("smtp.gmail.com", 587, SmtpSecurity.STARTTLS, "salaris@korenbloem.nl",
				new SmtpCredentials.GoogleOAuth2(key), null);

		SmtpAccessTokenException failed = catchThrowableOfType(SmtpAccessTokenException.class,
				() -> tokens.accessToken(server));

		assertThat(failed.problem()).isEqualTo(SmtpOAuth2Problem.TOKEN_ENDPOINT_FAULT);
		assertThat(failed.isTransient()).isTrue();
		assertThat(DutchMessages.of(failed)).startsWith("Het token-adres van Google antwoordde 404");
	}

	/** A loopback token endpoint that answers every request with this status and JSON body. */
	private String entra(int status, String body) throws IOException {
		return endpoint(status, "application/json; charset=utf-8", body);
	}

	/** A loopback token endpoint that answers every request with this status and body. */
	private String endpoint(int status, String contentType, String body) throws IOException {
		HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		http.createContext("/", exchange -> {
			exchange.getRequestBody().readAllBytes();
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", contentType);
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		http.start();
		servers.add(() -> http.stop(0));
		return "http://127.0.0.1:" + http.getAddress().getPort();
	}

	private static OAuth2AccessTokens tokens(String microsoftTokenUri, Duration timeout) {
		return new OAuth2AccessTokens(new OAuth2Properties(
				new OAuth2Properties.Microsoft(microsoftTokenUri, "https://outlook.office365.com/.default"),
				new OAuth2Properties.Google("http://127.0.0.1:9/token", "https://mail.google.com/"), timeout,
				Duration.ofMinutes(5)));
	}

	private static SmtpServer server() {
		return new SmtpServer("smtp.office365.com", 587, SmtpSecurity.STARTTLS, "salaris@contoso.nl", CREDENTIALS,
				null);
	}

}
