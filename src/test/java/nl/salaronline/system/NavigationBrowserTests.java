package nl.salaronline.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.salaronline.testsupport.Browser;

/** Signs in with a real Chromium and walks the navigation by its visible texts. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class NavigationBrowserTests {

	@LocalServerPort
	private int port;

	@Test
	void accountantWalksBothPartsByTheirVisibleMenuTexts() {
		try (Browser browser = new Browser(port)) {
			browser.login("accountant", "accountant");
			assertThat(browser.text()).contains("Gebruiker", "Werkgever");

			browser.clickLink("Gebruiker");
			browser.clickLink("Onderhoud");
			assertThat(browser.driver().getCurrentUrl()).endsWith("/gebruiker/onderhoud");
			assertThat(overview(browser)).containsExactly("SMTP Instellingen", "Verzendlog");

			browser.clickLink("Werkgever");
			browser.clickLink("Onderhoud");
			assertThat(browser.driver().getCurrentUrl()).endsWith("/werkgever/onderhoud");
			assertThat(overview(browser)).containsExactly("SMTP Instellingen", "Verzendlog");
		}
	}

	@Test
	void theChosenEmployerIsShownAndRememberedOnEveryWerkgeverPage() {
		try (Browser browser = new Browser(port)) {
			browser.login("accountant", "accountant");
			browser.clickLink("Werkgever");
			assertThat(browser.driver().findElements(By.id("chosen-employer"))).isEmpty();
			browser.clickLink("SMTP Instellingen");
			browser.clickLink("Bakkerij De Korenbloem");
			assertThat(chosen(browser)).startsWith("Werkgever: Bakkerij De Korenbloem (1001)");

			browser.clickLink("Verzendlog");
			assertThat(browser.driver().getCurrentUrl()).endsWith("/werkgever/1001/verzendlog");
			assertThat(chosen(browser)).startsWith("Werkgever: Bakkerij De Korenbloem (1001)");

			browser.clickLink("Werkgever");
			assertThat(chosen(browser)).startsWith("Werkgever: Bakkerij De Korenbloem (1001)");
			browser.clickLink("Onderhoud");
			browser.clickLink("SMTP Instellingen");
			assertThat(browser.driver().getCurrentUrl()).endsWith("/werkgever/1001/smtp-instellingen");

			browser.clickLink("Andere werkgever");
			assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Kies de werkgever");
			browser.clickLink("Fietsenmaker Jansen");
			assertThat(chosen(browser)).startsWith("Werkgever: Fietsenmaker Jansen (1002)");
			browser.clickLink("Verzendlog");
			assertThat(browser.driver().getCurrentUrl()).endsWith("/werkgever/1002/verzendlog");

			// another account's employer is neither shown nor remembered
			browser.open("/werkgever/2001/verzendlog");
			browser.open("/werkgever");
			assertThat(chosen(browser)).startsWith("Werkgever: Fietsenmaker Jansen (1002)");
		}
	}

	@Test
	void theFaviconIsServed() throws Exception {
		HttpResponse<byte[]> icon = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/favicon.ico")).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		assertThat(icon.statusCode()).isEqualTo(200);
		assertThat(icon.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("icon"));
		assertThat(icon.body()).startsWith(0, 0, 1, 0); // an ICO file
	}

	private static List<String> overview(Browser browser) {
		return browser.driver().findElements(By.cssSelector("#onderhoud-items a")).stream().map(WebElement::getText)
			.toList();
	}

	private static String chosen(Browser browser) {
		return browser.driver().findElement(By.id("chosen-employer")).getText();
	}

	@Test
	void aPageThatDoesNotExistSaysSoInDutchAndKeepsTheMenuAndTheSignedInName() {
		try (Browser browser = new Browser(port)) {
			browser.login("accountant", "accountant");
			browser.open("/gebruiker/bestaat-niet");
			assertThat(browser.text()).contains("Deze pagina bestaat niet", "Gebruiker", "Werkgever", "accountant",
					"Uitloggen");
		}
	}

	@Test
	void wrongPasswordShowsTheDutchMessage() {
		try (Browser browser = new Browser(port)) {
			browser.login("accountant", "verkeerd");
			assertThat(browser.text()).contains("Gebruikersnaam of wachtwoord is onjuist.");
		}
	}

	@Test
	void adminReachesTheAccountsAndServiceUserIsRefused() {
		try (Browser browser = new Browser(port)) {
			browser.login("admin", "admin");
			assertThat(browser.text()).contains("Demo Accountants B.V.", "Andere Accountants B.V.");
			browser.driver().manage().deleteAllCookies();
			browser.login("payroll", "payroll");
			assertThat(browser.driver().getCurrentUrl()).contains("/login?error");
		}
	}

}
