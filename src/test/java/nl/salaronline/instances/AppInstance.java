package nl.salaronline.instances;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One instance of the packaged application: its own JVM ({@code java -Xmx256m -jar}), started as an operator starts
 * it, on a port picked once by the system and kept across restarts. Its output goes to a file in the temporary
 * directory, never to the build's console.
 */
final class AppInstance {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Path jar;

	private final List<String> arguments;

	private final int port;

	private final Path log;

	private volatile Process process;

	AppInstance(String name, Path jar, List<String> arguments) throws IOException {
		this.name = name;
		this.jar = jar;
		this.arguments = List.copyOf(arguments);
		this.port = freePort();
		this.log = Files.createTempFile("salaronline-instance-" + name + "-", ".log");
	}

	String name() {
		return name;
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	Path log() {
		return log;
	}

	Process process() {
		return process;
	}

	/** Starts the JVM and returns at once (see {@link #awaitReady}); a restart appends to the same log. */
	AppInstance start() throws IOException {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString(),
				"--server.port=" + port));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		// only the arguments configure it: not CI's SPRING_DATASOURCE_URL (the PostgreSQL run) or anything else
		Map<String, String> environment = builder.environment();
		environment.keySet()
			.removeIf(variable -> variable.startsWith("SPRING_") || variable.startsWith("SALARONLINE_")
					|| variable.startsWith("JASYPT_") || variable.startsWith("JAVA_TOOL_OPTIONS")
					|| variable.startsWith("JDK_JAVA_OPTIONS"));
		process = builder.start();
		return this;
	}

	/** Waits until the readiness probe answers UP; fails when the JVM ends first or the time runs out. */
	void awaitReady(Duration timeout) throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new AssertionError("instance " + name + " ended with exit code " + process.exitValue()
						+ " before it was ready; its log: " + log);
			}
			if (ready()) {
				return;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("instance " + name + " not ready within " + timeout + "; its log: " + log);
	}

	/** Whether {@code /actuator/health/readiness} answers 200 UP, without signing in (as a load balancer asks). */
	boolean ready() throws InterruptedException {
		try {
			HttpResponse<String> response = HTTP.send(
					HttpRequest.newBuilder(uri("/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("\"UP\"");
		}
		catch (IOException notYet) {
			return false;
		}
	}

	/** {@code kill -9}: the JVM gets no chance to do anything. */
	void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor();
	}

	/** {@code kill} (SIGTERM), as Docker and Kubernetes stop a container; returns at once. */
	void terminate() {
		process.destroy();
	}

	/** Ends the JVM if it still runs (after a failed test). */
	void destroy() throws InterruptedException {
		Process running = process;
		if (running != null && running.isAlive()) {
			running.destroyForcibly();
			running.waitFor();
		}
	}

	/** The last lines of its log, for a failed test's report. */
	String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(log);
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(log not readable: " + ex + ")";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
