package nl.salaronline.mail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by the benchmark JVM (the application, the SMTP server and the clients) and by the processes of the
 * PostgreSQL server on this machine: what a figure-1 run costs in CPU, whichever process does the work.
 */
final class CpuClock {

	private static final long NANOS_PER_TICK = 1_000_000_000L / clockTicks();

	private CpuClock() {
	}

	/** CPU nanoseconds used so far by both. */
	static long nanos() {
		return jvm() + postgres();
	}

	/** CPU nanoseconds used so far by PostgreSQL's processes alone. */
	static long postgresNanos() {
		return postgres();
	}

	private static long jvm() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static long postgres() {
		long ticks = 0; // processes that ended are not counted: the application keeps its connections open
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path process : processes) {
				try {
					if (!"postgres".equals(Files.readString(process.resolve("comm")).strip())) {
						continue;
					}
					String stat = Files.readString(process.resolve("stat"));
					// after "pid (comm) ": state is field 3, utime field 14 and stime field 15 (proc(5))
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
				}
				catch (IOException | RuntimeException ended) {
					// the process ended while being read, or is not ours to read
				}
			}
		}
		catch (IOException ex) {
			return 0; // no /proc: the JVM alone
		}
		return ticks * NANOS_PER_TICK;
	}

	private static long clockTicks() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
			return Long.parseLong(new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip());
		}
		catch (IOException | RuntimeException ex) {
			return 100; // the usual value on Linux
		}
	}

}
