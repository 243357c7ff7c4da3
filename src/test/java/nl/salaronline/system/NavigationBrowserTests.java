package nl.salaronline.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
			assertThat(browser.text()).contains("SMTP Instellingen");

			browser.clickLink("Werkgever");
			browser.clickLink("Onderhoud");
			assertThat(browser.driver().getCurrentUrl()).endsWith("/werkgever/onderhoud");
			assertThat(browser.text()).contains("SMTP Instellingen");
		}
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
