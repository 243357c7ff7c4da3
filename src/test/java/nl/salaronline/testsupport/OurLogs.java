package nl.salaronline.testsupport;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Tests log at WARN (logback-test.xml). A test that checks what our code logs (and that no secret is in it) turns our
 * loggers up to INFO while it runs, so that there is something to check.
 */
public final class OurLogs {

	private OurLogs() {
	}

	public interface Action {

		void run() throws Exception;

	}

	public static void atInfo(Action action) throws Exception {
		LoggingSystem logging = LoggingSystem.get(OurLogs.class.getClassLoader());
		logging.setLogLevel("nl.salaronline", LogLevel.INFO);
		try {
			action.run();
		}
		finally {
			logging.setLogLevel("nl.salaronline", null);
		}
	}

}
