package nl.salaronline.chosenemployer;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.layout.LayoutAdvice;
import nl.salaronline.security.SalarOnlineUser;

/**
 * Tells every Werkgever page which employer is chosen. A page under {@code /werkgever/{code}/...} chooses that
 * employer (and the session remembers it); the other Werkgever pages (the start page, Onderhoud, the "Kies de
 * werkgever" lists) show the one remembered. The employer is looked up within the signed-in user's account each time,
 * so a code of another account is never shown nor remembered (its page answers 404 anyway).
 */
@LayoutAdvice
class ChosenEmployerAdvice {

	static final String SESSION_ATTRIBUTE = ChosenEmployerAdvice.class.getName() + ".code";

	private final EmployerRepository employers;

	ChosenEmployerAdvice(EmployerRepository employers) {
		this.employers = employers;
	}

	// request and user from their holders, not as parameters: see SignedInMenus
	@ModelAttribute("chosenEmployer")
	ChosenEmployer chosenEmployer() {
		HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
			.getRequest();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!(path.equals("/werkgever") || path.startsWith("/werkgever/"))) {
			return null;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof SalarOnlineUser user)
				|| user.accountId() == null) {
			return null;
		}
		String fromPath = codeInPath(request);
		HttpSession session = request.getSession(fromPath != null);
		String code = fromPath != null ? fromPath
				: session == null ? null : (String) session.getAttribute(SESSION_ATTRIBUTE);
		if (code == null) {
			return null;
		}
		return employers.findByCodeAndAccountId(code, user.accountId()).map(employer -> {
			if (fromPath != null) {
				session.setAttribute(SESSION_ATTRIBUTE, employer.getCode());
			}
			return new ChosenEmployer(employer.getCode(), employer.getName(), changeUrl(path));
		}).orElse(null);
	}

	private static String codeInPath(HttpServletRequest request) {
		@SuppressWarnings("unchecked")
		Map<String, String> variables = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		return variables == null ? null : variables.get("code");
	}

	/** "Kies de werkgever" of the item the page belongs to, so a change of employer stays on that item. */
	private static String changeUrl(String path) {
		return path.endsWith("/verzendlog") || path.contains("/verzendlog/") ? "/werkgever/verzendlog"
				: "/werkgever/smtp-instellingen";
	}

	/**
	 * @param changeUrl where another employer is chosen
	 */
	public record ChosenEmployer(String code, String name, String changeUrl) {

		/** Where the Werkgever part's pages of this employer start, e.g. {@code /werkgever/1001}. */
		public String base() {
			return "/werkgever/" + code;
		}

	}

}
