package nl.salaronline.smtpsettings;

import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.web.context.annotation.SessionScope;

/**
 * The certificates (server address, port, fingerprint) that servers actually presented in a "Test verbinding" or
 * "Verstuur testmail" run by the signed-in user in this session. Only these can become a level's trusted certificate:
 * a fingerprint posted in the form proves nothing, and trusting one the user never saw would send the stored secret
 * to whichever server presents it. Kept server-side in the session, so it ends with the session (logout, expiry). The
 * session lives in the database (SPEC section 11): Spring writes this object back to it after every request that used
 * it, so a certificate shown by a test on one instance can be trusted on a save handled by another.
 */
@Component
@SessionScope
class ProbedCertificates implements Serializable {

	private static final long serialVersionUID = 1L;

	/** Enough for a long session of tests; the oldest are forgotten first. */
	static final int MAX_REMEMBERED = 50;

	private record Presented(String host, int port, String sha256) implements Serializable {
	}

	private final Set<Presented> presented = new LinkedHashSet<>();

	synchronized void remember(String host, int port, String sha256) {
		Presented entry = new Presented(host.toLowerCase(Locale.ROOT), port, sha256);
		presented.remove(entry);
		presented.add(entry);
		if (presented.size() > MAX_REMEMBERED) {
			Iterator<Presented> oldest = presented.iterator();
			oldest.next();
			oldest.remove();
		}
	}

	/** Whether this server presented exactly this certificate to a test of this user in this session. */
	synchronized boolean wasPresented(String host, Integer port, String sha256) {
		return host != null && port != null && sha256 != null
				&& presented.contains(new Presented(host.toLowerCase(Locale.ROOT), port, sha256));
	}

}
