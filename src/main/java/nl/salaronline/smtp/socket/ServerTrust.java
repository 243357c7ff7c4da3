package nl.salaronline.smtp.socket;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which server certificates we trust: the platform's certificate authorities (PKIX, with revocation as configured
 * for the JVM) plus, per level, exactly one pinned certificate. Never trust-all.
 */
public final class ServerTrust {

	private static final Consumer<X509Certificate> IGNORE = certificate -> {
	};

	private final X509ExtendedTrustManager platform;

	/** One context per pinned fingerprint ("" for none); pins are few, one per level at most. */
	private final Map<String, SSLContext> contexts = new ConcurrentHashMap<>();

	private ServerTrust(X509ExtendedTrustManager platform) {
		this.platform = platform;
	}

	/** The JVM's trusted certificate authorities (its cacerts, or {@code javax.net.ssl.trustStore}). */
	public static ServerTrust platformDefaults() {
		return anchoredIn(null);
	}

	/** The certificate authorities in the given key store (tests use a test CA); {@code null} for the JVM's. */
	public static ServerTrust anchoredIn(KeyStore trustAnchors) {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trustAnchors);
			TrustManager[] managers = factory.getTrustManagers();
			return new ServerTrust(Arrays.stream(managers).filter(X509ExtendedTrustManager.class::isInstance)
				.map(X509ExtendedTrustManager.class::cast).findFirst()
				.orElseThrow(() -> new IllegalStateException("No X509 trust manager")));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot load the trusted certificate authorities", ex);
		}
	}

	/** The TLS context for a level: PKIX, or exactly the pinned certificate ({@code null} for none). */
	public SSLContext context(String pinnedSha256) {
		return contexts.computeIfAbsent(pinnedSha256 == null ? "" : pinnedSha256, pin -> newContext(pinnedSha256,
				IGNORE));
	}

	/** A fresh context that also reports the leaf certificate each server presents (for "Test verbinding"). */
	public SSLContext recordingContext(String pinnedSha256, Consumer<X509Certificate> presented) {
		return newContext(pinnedSha256, presented);
	}

	private SSLContext newContext(String pinnedSha256, Consumer<X509Certificate> presented) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { new PinningTrustManager(platform, blankToNull(pinnedSha256),
					presented) }, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create a TLS context", ex);
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
