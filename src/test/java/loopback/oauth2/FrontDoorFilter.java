package loopback.oauth2;

import java.io.IOException;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of the authorization server: counts token requests per client, and plays Entra's tenant lookup (Spring
 * Authorization Server serves any path prefix as an issuer; Entra answers an unknown tenant with AADSTS90002, in
 * the shape documented for its token endpoint).
 */
class FrontDoorFilter extends OncePerRequestFilter {

	static final String GOOGLE = "google";

	private static final Pattern TOKEN_PATH = Pattern
		.compile("^/([^/]+)" + Pattern.quote(AuthorizationServerConfig.TOKEN_ENDPOINT) + "$");

	private final Set<String> tenants = ConcurrentHashMap.newKeySet();

	private final Map<String, Integer> tokenRequests = new ConcurrentHashMap<>();

	FrontDoorFilter() {
		tenants.add(GOOGLE);
	}

	void addTenant(String tenant) {
		tenants.add(tenant);
	}

	int tokenRequests(String clientId) {
		return tokenRequests.getOrDefault(clientId, 0);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Matcher tokenPath = TOKEN_PATH.matcher(request.getRequestURI());
		if (!"POST".equals(request.getMethod()) || !tokenPath.matches()) {
			chain.doFilter(request, response);
			return;
		}
		tokenRequests.merge(client(request), 1, Integer::sum);
		String tenant = tokenPath.group(1);
		if (!tenants.contains(tenant)) {
			response.setStatus(400);
			response.setContentType("application/json");
			response.getWriter().write("{\"error\":\"invalid_request\",\"error_description\":\"AADSTS90002: Tenant '"
					+ tenant.replaceAll("[^A-Za-z0-9.-]", "") + "' not found. Check to make sure you have the correct "
					+ "tenant ID and are signing into the correct cloud.\",\"error_codes\":[90002]}");
			return;
		}
		chain.doFilter(request, response);
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

}
