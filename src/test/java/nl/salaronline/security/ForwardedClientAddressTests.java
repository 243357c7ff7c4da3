package nl.salaronline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The throttles count per client address, so a client must not choose its own: with the prod profile's
 * forwarded-headers strategy ({@code native}), {@code X-Forwarded-For} counts only from a proxy the server trusts
 * ({@code server.tomcat.remoteip.internal-proxies}). This test's client (loopback) is not one of them, so eleven
 * failed API logins, each claiming another address, still come from one address and the next one is throttled.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"server.forward-headers-strategy=native", "server.tomcat.remoteip.internal-proxies=10\\.9\\.8\\.7" })
class ForwardedClientAddressTests {

	@LocalServerPort
	private int port;

	@Autowired
	private LoginAttempts attempts;

	/**
	 * The counts live in the database that every instance shares, and on PostgreSQL every test context of the suite
	 * is such an instance: other tests' failed API logins from loopback count against this test's first ten.
	 */
	@BeforeEach
	void noEarlierFailuresFromLoopback() {
		attempts.clear("api-address:" + InetAddress.getLoopbackAddress().getHostAddress());
	}

	@Test
	void aClientCannotPickItsAddressWithXForwardedFor() throws IOException {
		for (int i = 1; i <= 10; i++) {
			assertThat(status(apiRequest("198.51.100." + i))).isEqualTo(401);
		}
		assertThat(status(apiRequest("198.51.100.11"))).isEqualTo(429);
	}

	@Test
	void theProdProfileUsesThisStrategy() throws IOException {
		try (var prod = getClass().getResourceAsStream("/application-prod.properties")) {
			assertThat(new String(prod.readAllBytes(), StandardCharsets.UTF_8))
				.containsPattern("(?m)^server\\.forward-headers-strategy=native$");
		}
	}

	private String apiRequest(String claimedAddress) throws IOException {
		String basic = Base64.getEncoder().encodeToString("payroll:fout".getBytes(StandardCharsets.UTF_8));
		String request = "GET /api/v1/mails/x HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + basic
				+ "\r\nX-Forwarded-For: " + claimedAddress + "\r\nConnection: close\r\n\r\n";
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	private static int status(String response) {
		return Integer.parseInt(response.substring(9, 12));
	}

}
