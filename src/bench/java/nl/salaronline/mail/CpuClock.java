package nl.salaronline.mail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
		return jvmNanos() + postgresNanos();
	}

	/** CPU nanoseconds used so far by each live thread of this JVM, by thread id, with its name. */
	static Map<Long, ThreadCpu> threads() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<Long, ThreadCpu> used = new HashMap<>();
		for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (thread != null) {
				long nanos = threads.getThreadCpuTime(thread.getThreadId());
				if (nanos >= 0) {
					used.put(thread.getThreadId(), new ThreadCpu(thread.getThreadName(), nanos));
				}
			}
		}
		return used;
	}

	record ThreadCpu(String name, long nanos) {
	}

	/**
	 * CPU nanoseconds used so far by the JVM's own threads that Java does not list: the JIT compiler threads and the
	 * garbage collector's, from {@code /proc/self/task} (a thread that ended is not counted).
	 */
	static VmThreads vmThreads() {
		long jit = 0;
		long gc = 0;
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
			for (Path task : tasks) {
				try {
					String name = Files.readString(task.resolve("comm")).strip();
					boolean compiler = name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
					boolean collector = name.startsWith("GC Thread") || name.startsWith("G1 ");
					if (compiler || collector) {
						long nanos = ticks(Files.readString(task.resolve("stat"))) * NANOS_PER_TICK;
						jit += compiler ? nanos : 0;
						gc += collector ? nanos : 0;
					}
				}
				catch (IOException | RuntimeException ended) {
					// the thread ended while being read
				}
			}
		}
		catch (IOException ex) {
			return new VmThreads(0, 0);
		}
		return new VmThreads(jit, gc);
	}

	record VmThreads(long jitNanos, long gcNanos) {
	}

	/** utime + stime of a {@code /proc/.../stat} line: after "pid (comm) ", fields 14 and 15 (proc(5)). */
	private static long ticks(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/** CPU nanoseconds used so far by this JVM as a whole. */
	static long jvmNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** CPU nanoseconds used so far by PostgreSQL's processes. */
	static long postgresNanos() {
		long ticks = 0; // processes that ended are not counted: the application keeps its connections open
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path process : processes) {
				try {
					if (!"postgres".equals(Files.readString(process.resolve("comm")).strip())) {
						continue;
					}
					ticks += ticks(Files.readString(process.resolve("stat")));
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
