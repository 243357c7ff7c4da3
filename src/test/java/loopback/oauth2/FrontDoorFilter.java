package loopback.oauth2;

import java.io.IOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import loopback.oauth2.LoopbackAuthorizationServer.TokenRequest;

/**
 * In front of the authorization server's token endpoints: records each token request's headers as they came in,
 * counts the requests per client, plays an outage when a test asks for one, and for Microsoft's path applies
 * {@link EntraTokenRules} (Spring Authorization Server serves any path prefix as an issuer and accepts chunked
 * bodies; Entra does neither).
 */
class FrontDoorFilter extends OncePerRequestFilter {

	static final String GOOGLE = "google";

	private static final Pattern TOKEN_PATH = Pattern
		.compile("^/([^/]+)" + Pattern.quote(AuthorizationServerConfig.TOKEN_ENDPOINT) + "$");

	private final EntraTokenRules entra = new EntraTokenRules();

	private final Map<String, Integer> tokenRequests = new ConcurrentHashMap<>();

	private final List<TokenRequest> recorded = new CopyOnWriteArrayList<>();

	/** tenant (or {@value #GOOGLE}) → the answer its token requests get for now */
	private final Map<String, Outage> outages = new ConcurrentHashMap<>();

	EntraTokenRules entra() {
		return entra;
	}

	int tokenRequests(String clientId) {
		return tokenRequests.getOrDefault(clientId, 0);
	}

	List<TokenRequest> recorded() {
		return List.copyOf(recorded);
	}

	void outage(String tenant, int times, int status, String contentType, String body) {
		outages.put(tenant, new Outage(new AtomicInteger(times), status, contentType, body));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Matcher tokenPath = TOKEN_PATH.matcher(request.getRequestURI());
		if (!"POST".equals(request.getMethod()) || !tokenPath.matches()) {
			chain.doFilter(request, response);
			return;
		}
		String tenant = tokenPath.group(1);
		// the headers before anything reads the body: the form's parameters come only after
		Map<String, List<String>> headers = headers(request);
		String client = client(request);
		recorded.add(new TokenRequest(tenant, client, headers));
		tokenRequests.merge(client, 1, Integer::sum);
		Outage outage = outages.get(tenant);
		if (outage != null && outage.remaining().getAndDecrement() > 0) {
			response.setStatus(outage.status());
			response.setContentType(outage.contentType());
			response.getWriter().write(outage.body());
			return;
		}
		if (!GOOGLE.equals(tenant) && entra.refused(tenant, request, response)) {
			return;
		}
		chain.doFilter(request, response);
	}

	/** Header names in lower case (HTTP/1.1 names are case-insensitive), in the order they came. */
	private static Map<String, List<String>> headers(HttpServletRequest request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
				.addAll(Collections.list(request.getHeaders(name)));
		}
		return headers;
	}

	private static String client(HttpServletRequest request) {
		String clientId = request.getParameter("client_id");
		if (clientId != null) {
			return clientId;
		}
		String assertion = request.getParameter("assertion");
		if (assertion != null) {
			try {
				return SignedJWT.parse(assertion).getJWTClaimsSet().getIssuer();
			}
			catch (ParseException ex) {
				return "unparseable assertion";
			}
		}
		return "unknown";
	}

	private record Outage(AtomicInteger remaining, int status, String contentType, String body) {
	}

}
