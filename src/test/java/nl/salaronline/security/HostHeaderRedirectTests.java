package nl.salaronline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 16, point 10: a made-up {@code Host} (or {@code X-Forwarded-Host}, {@code Forwarded}) header must never end
 * up in a redirect. Runs the real Tomcat under both forwarded-headers strategies and speaks raw HTTP, because HTTP
 * clients refuse to send a made-up Host header and MockMvc never builds a Location itself.
 */
class HostHeaderRedirectTests {

	private static final String EVIL = "evil.example";

	private static final List<String> HOSTILE_HEADERS = List.of("Host: " + EVIL + "\r\n",
			"Host: " + EVIL + ":8443\r\n",
			"Host: localhost\r\nX-Forwarded-Host: " + EVIL + "\r\nX-Forwarded-Proto: https\r\n",
			"Host: localhost\r\nForwarded: host=" + EVIL + ";proto=https\r\n");

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "server.forward-headers-strategy=framework")
	class BehindAProxyHandledBySpring extends Redirects {

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.forward-headers-strategy=native")
	class BehindAProxyHandledByTomcat extends Redirects {

	}

	abstract static class Redirects {

		@LocalServerPort
		private int port;

		@Test
		void noRedirectNamesTheHostTheClientMadeUp() throws IOException {
			List<String> locations = new ArrayList<>();
			for (String headers : HOSTILE_HEADERS) {
				// not signed in: sent to the login page
				locations.add(location(exchange("GET /gebruiker HTTP/1.1\r\n" + headers)));
				// signed in: to the start page, and from there to the own part
				String signedIn = signInResponse(headers, "accountant");
				locations.add(location(signedIn));
				locations.add(location(
						exchange("GET / HTTP/1.1\r\n" + headers + "Cookie: " + cookie(signedIn) + "\r\n")));
				// a failed sign-in: back to the login page with ?error
				locations.add(signInLocation(headers, "fout"));
			}
			assertThat(locations).hasSize(16).allSatisfy(location -> {
				assertThat(location).isNotNull();
				assertThat(location.toLowerCase(Locale.ROOT)).doesNotContain(EVIL).startsWith("/");
			});
		}

		private String signInLocation(String headers, String password) throws IOException {
			String response = signInResponse(headers, password);
			assertThat(location(response)).as(response).contains("/login?error");
			return location(response);
		}

		private String signInResponse(String headers, String password) throws IOException {
			String form = exchange("GET /login HTTP/1.1\r\n" + headers);
			Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
			assertThat(token.find()).as(form).isTrue();
			String body = "username=accountant&password=" + password + "&_csrf=" + token.group(1);
			return exchange("POST /login HTTP/1.1\r\n" + headers + "Cookie: " + cookie(form) + "\r\n"
					+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
					+ "\r\n\r\n" + body);
		}

		/** The whole answer to a raw request (head and body), sent on its own connection. */
		private String exchange(String requestHead) throws IOException {
			int blank = requestHead.indexOf("\r\n\r\n");
			String request = blank < 0 ? requestHead + "Connection: close\r\n\r\n"
					: requestHead.substring(0, blank + 2) + "Connection: close\r\n" + requestHead.substring(blank + 2);
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				socket.setSoTimeout(10_000);
				OutputStream out = socket.getOutputStream();
				out.write(request.getBytes(StandardCharsets.UTF_8));
				out.flush();
				return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			}
		}

		private static String location(String response) {
			return header(response, "Location");
		}

		private static String cookie(String response) {
			String setCookie = header(response, "Set-Cookie");
			assertThat(setCookie).as(response).isNotNull();
			return setCookie.substring(0, setCookie.indexOf(';'));
		}

		private static String header(String response, String name) {
			String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
			return head.lines()
				.filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
				.map(line -> line.substring(name.length() + 1).strip())
				.findFirst()
				.orElse(null);
		}

	}

}
