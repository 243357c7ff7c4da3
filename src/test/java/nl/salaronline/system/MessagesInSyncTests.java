package nl.salaronline.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every text has a Dutch and an English version, and templates take all visible text from the messages. */
class MessagesInSyncTests {

	private static final Path RESOURCES = Path.of("src/main/resources");

	/** Text between tags containing a letter, e.g. {@code <h1>Titel</h1>}. */
	private static final Pattern LITERAL_TEXT = Pattern.compile(">([^<>]*\\p{L}[^<>]*)<");

	/** Visible attributes written as literals instead of th:attr or th:placeholder. */
	private static final Pattern LITERAL_ATTRIBUTE = Pattern
		.compile("\\s(?:placeholder|title|alt|aria-label|value)=\"([^\"]*\\p{L}[^\"]*)\"");

	@Test
	void dutchAndEnglishMessagesHaveTheSameKeys() throws IOException {
		Properties dutch = load("messages.properties");
		Properties english = load("messages_en.properties");
		assertThat(english.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(dutch.stringPropertyNames());
	}

	@Test
	void templatesHaveNoHardCodedUserFacingText() throws IOException {
		List<String> findings = new ArrayList<>();
		try (Stream<Path> templates = Files.walk(RESOURCES.resolve("templates"))) {
			for (Path template : templates.filter(path -> path.toString().endsWith(".html")).toList()) {
				String html = Files.readString(template).replaceAll("(?s)<!--.*?-->", "");
				collect(findings, template, LITERAL_TEXT.matcher(html));
				collect(findings, template, LITERAL_ATTRIBUTE.matcher(html));
			}
		}
		assertThat(findings).as("literal text in templates; use th:text=\"#{...}\"").isEmpty();
	}

	private static void collect(List<String> findings, Path template, Matcher matcher) {
		while (matcher.find()) {
			findings.add(template.getFileName() + ": " + matcher.group(1).strip());
		}
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(RESOURCES.resolve(name))) {
			properties.load(in);
		}
		return properties;
	}

}
