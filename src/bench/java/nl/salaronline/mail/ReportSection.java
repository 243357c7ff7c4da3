package nl.salaronline.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A measured section of docs/PERFORMANCE.md written by a benchmark class of its own (not {@link Report}'s block):
 * between {@code <!-- measured: NAME -->} and {@code <!-- end measured: NAME -->}, rewritten by each run of that class;
 * the first run puts it just before "## Targets, and what limits the ones not met".
 */
final class ReportSection {

	private static final String BEFORE = "## Targets, and what limits the ones not met";

	private ReportSection() {
	}

	static void write(Path file, String name, List<String> lines) throws IOException {
		String start = "<!-- measured: " + name + " -->";
		String end = "<!-- end measured: " + name + " -->";
		String block = start + "\n" + String.join("\n", lines) + "\n" + end + "\n";
		String text = Files.exists(file) ? Files.readString(file) : "";
		int from = text.indexOf(start);
		int to = text.indexOf(end);
		if (from >= 0 && to > from) {
			text = text.substring(0, from) + block + text.substring(to + end.length() + 1);
		}
		else if (text.contains(BEFORE)) {
			int at = text.indexOf(BEFORE);
			text = text.substring(0, at) + block + "\n" + text.substring(at);
		}
		else {
			text = text + "\n" + block;
		}
		Files.writeString(file, text);
	}

}
