package nl.salaronline.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need Chromium or PostgreSQL skip with a visible reason where those are missing, so {@code ./mvnw verify}
 * passes on a fresh machine. {@code .ci/run} sets {@code SALARONLINE_REQUIRE_ALL=true}, which turns every such skip
 * into a failure: CI never passes by skipping.
 */
public final class RequiredEnvironment {

	public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private RequiredEnvironment() {
	}

	public static boolean strict() {
		return Boolean.parseBoolean(System.getenv("SALARONLINE_REQUIRE_ALL"));
	}

	public static void requireChromium() {
		require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver)");
	}

	/** PostgreSQL at 127.0.0.1:5432, as .ci/run starts it. */
	public static void requirePostgres() {
		require(reachable("127.0.0.1", 5432), "PostgreSQL is not running on 127.0.0.1:5432");
	}

	public static String postgresUrl() {
		return System.getenv().getOrDefault("SALARONLINE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
	}

	private static void require(boolean available, String reason) {
		if (!available && strict()) {
			throw new AssertionError(reason + ", and SALARONLINE_REQUIRE_ALL=true forbids skipping");
		}
		Assumptions.assumeTrue(available, () -> "SKIPPED: " + reason);
	}

	private static boolean reachable(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
