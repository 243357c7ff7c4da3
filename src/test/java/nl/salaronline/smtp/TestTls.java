package nl.salaronline.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import nl.salaronline.smtp.socket.ServerTrust;

/**
 * The test certificates under src/test/resources/tls (see generate.sh there): a test CA the client trusts in tests
 * (never in the product), a certificate for localhost signed by it, one for another name, and a self-signed one.
 */
final class TestTls {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private TestTls() {
	}

	/** The client's trust in tests: the test CA instead of the JVM's certificate authorities. */
	static ServerTrust trust() {
		return ServerTrust.anchoredIn(load("/tls/trust.p12"));
	}

	/** A server's TLS context with the key and certificate of "localhost", "wrong-name" or "self-signed". */
	static SSLContext serverContext(String name) {
		try {
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(load("/tls/" + name + ".p12"), PASSWORD);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static X509Certificate certificate(String name) {
		return leafOf(load("/tls/" + name + ".p12"));
	}

	/** GreenMail's own self-signed SMTPS certificate (greenmail.p12 in its jar). */
	static X509Certificate greenMailCertificate() {
		return leafOf(load("/greenmail.p12"));
	}

	private static X509Certificate leafOf(KeyStore store) {
		try {
			for (String alias : Collections.list(store.aliases())) {
				if (store.isKeyEntry(alias)) {
					return (X509Certificate) store.getCertificate(alias);
				}
			}
			throw new IllegalStateException("No key entry");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyStore load(String resource) {
		try (InputStream in = TestTls.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + resource);
			}
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, PASSWORD);
			return store;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
