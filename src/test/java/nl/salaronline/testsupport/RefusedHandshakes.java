package nl.salaronline.testsupport;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * GreenMail's SMTPS threads end with an uncaught exception when our client refuses their certificate, which the TLS
 * tests do on purpose (and assert on the client's side). The JVM printed each as a stack trace on the build's console.
 * This handler keeps those quiet and passes every other uncaught exception on as before. Registered for every test
 * class through JUnit's extension auto-detection (src/test/resources/META-INF/services, junit-platform.properties).
 */
public final class RefusedHandshakes implements BeforeAllCallback {

	private static boolean installed;

	@Override
	public void beforeAll(ExtensionContext context) {
		quiet();
	}

	static synchronized void quiet() {
		if (installed) {
			return;
		}
		Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
		Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
			if (thread.getName().startsWith("smtps:") && causedByTls(failure)) {
				return;
			}
			if (previous != null) {
				previous.uncaughtException(thread, failure);
			}
			else {
				thread.getThreadGroup().uncaughtException(thread, failure);
			}
		});
		installed = true;
	}

	private static boolean causedByTls(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SSLException) {
				return true;
			}
		}
		return false;
	}

}
