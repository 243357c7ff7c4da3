package nl.salaronline.smtp.oauth2;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import nl.salaronline.smtp.SmtpAccessTokenException;
import nl.salaronline.smtp.SmtpOAuth2Problem;

/**
 * POSTs a token request (RFC 6749 section 4.4 / RFC 7523 section 2.1) and reads the JSON answer, with connect and
 * read timeouts. Refusals are thrown as {@link TokenRefusal} for the grant to explain; only unreachable or silent
 * endpoints become exceptions here. The request body (secret, assertion) never reaches a log line or a message.
 */
class TokenEndpoint {

	/** Token answers are small; a larger body is not a token endpoint speaking. */
	private static final int MAX_BODY = 64 * 1024;

	/** When the answer has no {@code expires_in} (RFC 6749 only recommends it), the token is kept this long. */
	private static final Duration UNKNOWN_LIFETIME = Duration.ofMinutes(1);

	private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");

	private final RestClient rest;

	private final JsonMapper json = JsonMapper.shared();

	TokenEndpoint(Duration timeout) {
		// the JDK client, not HttpURLConnection: that one hides the body of a 401 answer to a streamed POST, and
		// Entra answers a wrong client secret with 401 invalid_client; the default ProxySelector honours the JVM's
		// proxy settings (https.proxyHost), which data centres often need
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.proxy(ProxySelector.getDefault())
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(timeout);
		this.rest = RestClient.builder().requestFactory(requestFactory).build();
	}

	/** The issued token, or throws {@link TokenRefusal} with what the provider said, or when it could not be asked. */
	IssuedToken request(URI tokenUri, MultiValueMap<String, String> form)
			throws SmtpAccessTokenException, TokenRefusal {
		byte[] encoded = encode(form);
		Answer answer;
		try {
			// with its length: a body of unknown length goes out chunked, and Microsoft's token endpoint answers a
			// chunked request with 404 (the JDK client sends a fixed length only when Content-Length is set)
			answer = rest.post()
				.uri(tokenUri)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.contentLength(encoded.length)
				.body(out -> out.write(encoded))
				.exchange((request, response) -> new Answer(response.getStatusCode().value(),
						mediaType(response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)), read(response.getBody())),
						true);
		}
		catch (ResourceAccessException ex) {
			throw unreachable(tokenUri, ex);
		}
		JsonNode body = parse(answer.body());
		if (body == null) {
			throw new TokenRefusal(answer.status(), answer.contentType(), false, null, null, List.of());
		}
		String accessToken = text(body, "access_token");
		if (answer.status() == 200 && accessToken != null && !accessToken.isBlank()) {
			return new IssuedToken(accessToken, lifetime(body));
		}
		throw new TokenRefusal(answer.status(), answer.contentType(), true, text(body, "error"),
				text(body, "error_description"), errorCodes(body));
	}

	/**
	 * The form, URL-encoded, to be written straight to the request: handed to RestClient as a map or string, Spring's
	 * message converters would log it (client secret or assertion included) when DEBUG logging is on for
	 * {@code org.springframework.web}. Never empty (a token request has at least a grant type), so its length is sent.
	 */
	private static byte[] encode(MultiValueMap<String, String> form) {
		StringBuilder encoded = new StringBuilder();
		form.forEach((name, values) -> values.forEach(value -> {
			if (!encoded.isEmpty()) {
				encoded.append('&');
			}
			encoded.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
				.append(URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8));
		}));
		return encoded.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String read(InputStream body) throws IOException {
		return new String(body.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
	}

	/** The answer's JSON object, or null when it is none (an HTML error page, an empty body). */
	private JsonNode parse(String body) {
		try {
			JsonNode node = json.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException notJson) {
			return null;
		}
	}

	/** {@code text/html} of {@code text/html; charset=utf-8}; null without a Content-Type. */
	private static String mediaType(String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return null;
		}
		String type = contentType.split(";", 2)[0].strip();
		return type.length() > 100 ? type.substring(0, 100) : type;
	}

	private static Duration lifetime(JsonNode body) {
		JsonNode expiresIn = body.get("expires_in");
		if (expiresIn != null && (expiresIn.isNumber() || expiresIn.isString())) {
			long seconds = expiresIn.asLong(-1);
			if (seconds >= 0) {
				return Duration.ofSeconds(seconds);
			}
		}
		return UNKNOWN_LIFETIME;
	}

	/** Microsoft's {@code error_codes} ([7000215]) as {@code AADSTS7000215}, else the AADSTS codes in the text. */
	private static List<String> errorCodes(JsonNode body) {
		List<String> codes = new ArrayList<>();
		JsonNode errorCodes = body.get("error_codes");
		if (errorCodes != null && errorCodes.isArray()) {
			errorCodes.values().stream().filter(JsonNode::canConvertToLong)
				.forEach(code -> codes.add("AADSTS" + code.asLong()));
		}
		String description = text(body, "error_description");
		if (codes.isEmpty() && description != null) {
			Matcher matcher = AADSTS.matcher(description);
			while (matcher.find()) {
				codes.add("AADSTS" + matcher.group(1));
			}
		}
		return codes;
	}

	private static String text(JsonNode body, String field) {
		JsonNode value = body.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static SmtpAccessTokenException unreachable(URI tokenUri, ResourceAccessException ex) {
		boolean timeout = ex.getCause() instanceof SocketTimeoutException
				|| ex.getCause() instanceof HttpTimeoutException;
		SmtpOAuth2Problem problem = timeout ? SmtpOAuth2Problem.TOKEN_ENDPOINT_TIMEOUT
				: SmtpOAuth2Problem.TOKEN_ENDPOINT_UNREACHABLE;
		String what = timeout ? "did not answer in time" : "could not be reached";
		// the cause names the host and the I/O problem only: the request body is not part of it
		return new SmtpAccessTokenException("Token endpoint " + tokenUri.getHost() + " " + what, null, problem,
				ex.getCause());
	}

	private record Answer(int status, String contentType, String body) {
	}

}
