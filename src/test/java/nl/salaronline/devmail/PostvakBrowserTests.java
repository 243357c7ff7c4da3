package nl.salaronline.devmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import nl.salaronline.testsupport.Browser;

/**
 * The first hour with the product: the default profile with nothing listening on the default transport's port, a mail
 * handed over through the API, and the mail on the Postvak (ontwikkeling) page. Its own in-memory database and
 * worker, so that no other test context's mails reach this catcher (nor this worker takes theirs).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"salaronline.dev-mail-catcher.enabled=true", "spring.mail.host=localhost",
		"salaronline.mail.worker.enabled=true", "salaronline.mail.worker.poll-interval=PT0.2S",
		"salaronline.mail.worker.id=postvak-tests" })
class PostvakBrowserTests {

	private static final int CATCHER_PORT = freePort();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void catcherAndDatabase(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> CATCHER_PORT);
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:postvak-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		registry.add("spring.datasource.username", () -> "sa");
		registry.add("spring.datasource.password", () -> "");
	}

	@Test
	void aMailHandedOverThroughTheApiAppearsInThePostvakOfItsAccountOnly() throws Exception {
		String subject = "Loonstrook januari " + UUID.randomUUID().toString().substring(0, 8);
		String pdf = Base64.getEncoder().encodeToString("%PDF-1.4 loonstrook".getBytes(StandardCharsets.US_ASCII));
		HttpResponse<String> accepted = post("""
				{"employerCode":"1001","recipient":"EMPLOYEE","to":"jan@example.nl","subject":"%s",
				 "text":"Beste Jan, zie bijlage.",
				 "html":"<p id=\\"greeting\\">Beste Jan</p><script>document.getElementById('greeting').textContent='uitgevoerd'</script>",
				 "attachments":[{"filename":"loonstrook.pdf","contentType":"application/pdf","base64":"%s"}]}"""
			.formatted(subject, pdf));
		assertThat(accepted.statusCode()).isEqualTo(202);

		try (Browser browser = new Browser(port)) {
			browser.login("accountant", "accountant");
			browser.clickLink("Postvak (ontwikkeling)");
			waitUntilListed(browser, subject);
			String row = browser.driver().findElement(By.id("postvak")).getText();
			assertThat(row).contains("no-reply@salaronline.nl", "jan@example.nl", "salaris@korenbloem.nl", subject);

			browser.clickLink(subject);
			WebDriver driver = browser.driver();
			assertThat(driver.findElement(By.id("postvak-headers")).getText()).contains("Van", "Aan", "Antwoord aan",
					"jan@example.nl", "salaris@korenbloem.nl");
			assertThat(driver.findElement(By.id("postvak-text")).getText()).isEqualTo("Beste Jan, zie bijlage.");
			assertThat(driver.findElement(By.id("postvak-html")).getAttribute("sandbox")).isEmpty();
			driver.switchTo().frame("postvak-html");
			assertThat(driver.findElement(By.id("greeting")).getText()).as("the HTML is shown, its script never runs")
				.isEqualTo("Beste Jan");
			driver.switchTo().defaultContent();

			String attachment = driver.findElement(By.linkText("loonstrook.pdf")).getAttribute("href");
			HttpResponse<byte[]> download = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(attachment))
					.header("Cookie", "JSESSIONID=" + driver.manage().getCookieNamed("JSESSIONID").getValue())
					.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(download.statusCode()).isEqualTo(200);
			assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
					value -> assertThat(value).startsWith("attachment").contains("loonstrook.pdf"));
			assertThat(new String(download.body(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4 loonstrook");
			String mailPage = driver.getCurrentUrl();

			// another account sees neither the mail in its list nor its page
			driver.manage().deleteAllCookies();
			browser.login("ander", "ander");
			browser.clickLink("Postvak (ontwikkeling)");
			assertThat(browser.text()).doesNotContain(subject);
			driver.get(mailPage);
			assertThat(browser.text()).contains("Deze pagina bestaat niet").doesNotContain(subject);

			// an admin sees every mail
			driver.manage().deleteAllCookies();
			browser.login("admin", "admin");
			browser.clickLink("Postvak (ontwikkeling)");
			assertThat(browser.text()).contains(subject);
		}
	}

	private HttpResponse<String> post(String json) throws IOException, InterruptedException {
		String basic = Base64.getEncoder().encodeToString("payroll:payroll".getBytes(StandardCharsets.UTF_8));
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/mails"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The worker sends within a fraction of a second; the page shows it on the next load. */
	private static void waitUntilListed(Browser browser, String subject) {
		new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(300))
			.until(driver -> {
				if (driver.getPageSource().contains(subject)) {
					return true;
				}
				driver.navigate().refresh();
				return false;
			});
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
