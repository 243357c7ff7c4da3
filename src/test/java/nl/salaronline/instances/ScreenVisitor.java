package nl.salaronline.instances;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does on the screens, on one host behind a load balancer without sticky sessions: one cookie jar for
 * every instance, forms posted with the CSRF token of the page they came from, redirects not followed (the test reads
 * them). Plain HTTP rather than a real browser: nothing here needs JavaScript, and two JVMs already share two cores.
 */
final class ScreenVisitor {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final Map<String, String> cookies = new LinkedHashMap<>();

	/** A page as it was answered. */
	record Page(int status, String location, String body) {

		/** The value of the form's hidden or text input with this name, as the page shows it. */
		String input(String name) {
			Matcher tag = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*>").matcher(body);
			if (!tag.find()) {
				throw new AssertionError("no input " + name + " on the page");
			}
			Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(tag.group());
			return value.find() ? value.group(1) : "";
		}

		String csrf() {
			Matcher matcher = CSRF.matcher(body);
			if (!matcher.find()) {
				throw new AssertionError("no CSRF token on the page (status " + status + ")");
			}
			return matcher.group(1);
		}

		boolean redirectsToLogin() {
			return status == 302 && location != null && location.replaceFirst("\\?.*", "").endsWith("/login");
		}

	}

	Page get(AppInstance instance, String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(instance.uri(path)).GET());
	}

	/** Posts the form fields (the CSRF token among them) as a browser does. */
	Page post(AppInstance instance, String path, Map<String, String> fields) throws IOException, InterruptedException {
		String form = fields.entrySet()
			.stream()
			.map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(instance.uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	/** Opens the login page and signs in with its form; answers the login's own response (a redirect). */
	Page signIn(AppInstance instance, String username, String password) throws IOException, InterruptedException {
		Page login = get(instance, "/login");
		return post(instance, "/login", Map.of("username", username, "password", password, "_csrf", login.csrf()));
	}

	/** The cookie of that name now in the jar, or {@code null}. */
	String cookie(String name) {
		return cookies.get(name);
	}

	/** Puts a cookie back as it was (e.g. a session cookie copied before logging out). */
	void restore(String name, String value) {
		cookies.put(name, value);
	}

	/** The names of the cookies in the jar (the session cookie's name depends on the session store). */
	java.util.Set<String> cookieNames() {
		return cookies.keySet();
	}

	private Page send(HttpRequest.Builder request) throws IOException, InterruptedException {
		request.timeout(Duration.ofSeconds(30));
		if (!cookies.isEmpty()) {
			request.header("Cookie", cookies.entrySet()
				.stream()
				.map(cookie -> cookie.getKey() + "=" + cookie.getValue())
				.collect(Collectors.joining("; ")));
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		for (String setCookie : response.headers().allValues("Set-Cookie")) {
			String pair = setCookie.split(";", 2)[0];
			String name = pair.substring(0, pair.indexOf('=')).strip();
			String value = pair.substring(pair.indexOf('=') + 1).strip();
			boolean expired = setCookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0") || value.isEmpty();
			if (expired) {
				cookies.remove(name);
			}
			else {
				cookies.put(name, value);
			}
		}
		return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null),
				response.body());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
