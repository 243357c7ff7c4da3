package loopback.oauth2;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Microsoft Entra's token endpoint ({@code login.microsoftonline.com/{tenant}/oauth2/v2.0/token}) checks before
 * it issues a client-credentials token, and how it answers, as far as that is known:
 * <ul>
 * <li>a body without {@code Content-Length} (chunked, or none at all) gets {@code 404 Not Found}: reported with a
 * packet capture in envoyproxy/envoy#20179 and in panva/openid-client#420 (the body of that answer is not in the
 * reports; an HTML page is served here);</li>
 * <li>the form fields the client-credentials grant requires ({@code grant_type=client_credentials}, {@code client_id},
 * {@code client_secret}, a {@code scope} ending in {@code /.default}), the app's registration in the tenant and its
 * secret, each refused with Entra's documented AADSTS code;</li>
 * <li>errors in Entra's JSON shape: {@code error}, {@code error_description} (starting with the AADSTS code, ending
 * with trace id, correlation id and timestamp), {@code error_codes}, {@code timestamp}, {@code trace_id},
 * {@code correlation_id}, {@code error_uri}.</li>
 * </ul>
 * Requests that pass go on to Spring Authorization Server, which issues the token.
 */
final class EntraTokenRules {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");

	private final Set<String> tenants = ConcurrentHashMap.newKeySet();

	/** client id → the app's registration */
	private final Map<String, App> apps = new ConcurrentHashMap<>();

	void registerApp(String tenant, String clientId, String secret) {
		tenants.add(tenant);
		apps.put(clientId, new App(tenant, secret, false));
	}

	void expireSecret(String clientId) {
		apps.computeIfPresent(clientId, (id, app) -> new App(app.tenant(), app.secret(), true));
	}

	/** Answers the request when Entra would refuse it; returns false to let it through to the token endpoint. */
	boolean refused(String tenant, HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (request.getHeader("Transfer-Encoding") != null || request.getHeader("Content-Length") == null) {
			response.setStatus(404);
			response.setContentType("text/html; charset=us-ascii");
			response.getWriter().write("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\r\n<HTML><HEAD><TITLE>"
					+ "Not Found</TITLE></HEAD>\r\n<BODY><h2>Not Found</h2>\r\n<hr><p>HTTP Error 404. The requested "
					+ "resource is not found.</p>\r\n</BODY></HTML>\r\n");
			return true;
		}
		if (!tenants.contains(tenant)) {
			return error(response, 400, "invalid_request", 90002, "Tenant '" + tenant.replaceAll("[^A-Za-z0-9.-]", "")
					+ "' not found. Check to make sure you have the correct tenant ID and are signing into the correct "
					+ "cloud. Check with your subscription administrator, this may happen if there are no active "
					+ "subscriptions for the tenant.");
		}
		String grantType = request.getParameter("grant_type");
		String clientId = request.getParameter("client_id");
		String secret = request.getParameter("client_secret");
		String scope = request.getParameter("scope");
		if (blank(grantType)) {
			return missing(response, "grant_type");
		}
		if (!"client_credentials".equals(grantType)) {
			return error(response, 400, "unsupported_grant_type", 70003,
					"The app requested an unsupported grant type '" + grantType + "'.");
		}
		if (blank(clientId)) {
			return missing(response, "client_id");
		}
		if (blank(secret) && blank(request.getParameter("client_assertion"))) {
			return error(response, 401, "invalid_client", 7000216,
					"'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant "
							+ "type.");
		}
		if (blank(scope)) {
			return missing(response, "scope");
		}
		if (!scope.endsWith("/.default")) {
			return error(response, 400, "invalid_scope", 1002012, "The provided value for scope " + scope
					+ " is not valid. Client credential flows must have a scope value with /.default suffixed to the "
					+ "resource identifier (application ID URI).");
		}
		App app = apps.get(clientId);
		if (app == null || !app.tenant().equals(tenant)) {
			return error(response, 400, "unauthorized_client", 700016, "Application with identifier '" + clientId
					+ "' was not found in the directory '" + tenant + "'. This can happen if the application has not "
					+ "been installed by the administrator of the tenant or consented to by any user in the tenant. "
					+ "You may have sent your authentication request to the wrong tenant.");
		}
		if (!app.secret().equals(secret)) {
			return error(response, 401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the "
					+ "secret being sent in the request is the client secret value, not the client secret ID, for a "
					+ "secret added to app '" + clientId + "'.");
		}
		if (app.secretExpired()) {
			return error(response, 401, "invalid_client", 7000222, "The provided client secret keys for app '"
					+ clientId + "' are expired. Visit the Azure portal to create new keys for your app.");
		}
		return false;
	}

	private static boolean missing(HttpServletResponse response, String parameter) throws IOException {
		return error(response, 400, "invalid_request", 900144,
				"The request body must contain the following parameter: '" + parameter + "'.");
	}

	private static boolean error(HttpServletResponse response, int status, String error, int code, String text)
			throws IOException {
		String traceId = UUID.randomUUID().toString();
		String correlationId = UUID.randomUUID().toString();
		String timestamp = TIMESTAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
		ObjectNode body = JsonMapper.shared().createObjectNode();
		body.put("error", error);
		body.put("error_description", "AADSTS" + code + ": " + text + " Trace ID: " + traceId + " Correlation ID: "
				+ correlationId + " Timestamp: " + timestamp);
		body.putArray("error_codes").add(code);
		body.put("timestamp", timestamp);
		body.put("trace_id", traceId);
		body.put("correlation_id", correlationId);
		body.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
		response.setStatus(status);
		response.setContentType("application/json; charset=utf-8");
		response.getWriter().write(JsonMapper.shared().writeValueAsString(body));
		return true;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private record App(String tenant, String secret, boolean secretExpired) {
	}

}
