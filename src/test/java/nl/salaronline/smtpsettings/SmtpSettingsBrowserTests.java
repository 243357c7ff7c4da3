package nl.salaronline.smtpsettings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.testsupport.Browser;

/**
 * The source article's walk-through in a real Chromium, as the demo accountant: both levels reached by the visible
 * menu texts, edited, saved and shown read-only again. The demo levels are reset before and after each test, since
 * SPEC section 8 says no level has own SMTP on at first. Hosts are loopback names: tests resolve no outside names.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SmtpSettingsBrowserTests {

	private static final String PASSWORD = "Browser-Geheim-2026";

	@LocalServerPort
	private int port;

	@Autowired
	private SmtpSettingsRepository settings;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@BeforeEach
	@AfterEach
	void demoLevelsHaveNoSettings() {
		long demo = accounts.findByName("Demo Accountants B.V.").orElseThrow().getId();
		settings.findByAccountId(demo).ifPresent(settings::delete);
		List<Long> demoEmployers = employers.findByAccountIdOrderByCodeAsc(demo).stream().map(Employer::getId).toList();
		settings.deleteAll(settings.findByEmployerIdIn(demoEmployers));
	}

	@Test
	void accountantSetsUpBothLevelsByTheVisibleMenuTexts() {
		try (Browser browser = new Browser(port)) {
			WebDriver driver = browser.driver();
			browser.login("accountant", "accountant");

			browser.clickLink("Gebruiker");
			browser.clickLink("Onderhoud");
			browser.clickLink("SMTP Instellingen");
			assertThat(browser.text()).contains("SMTP Instellingen", "Accountniveau: Demo Accountants B.V.",
					"E-mails aan werkgevers worden verstuurd vanaf no-reply@salaronline.nl via de server van "
							+ "SalarOnline, met info@demo-accountants.nl als antwoordadres.");
			assertThat(driver.findElement(By.id("host")).isEnabled()).as("read-only first").isFalse();

			browser.clickLink("Aanpassen");
			driver.findElement(By.id("enabled")).click();
			driver.findElement(By.id("host")).sendKeys("localhost");
			new Select(driver.findElement(By.id("security"))).selectByVisibleText("STARTTLS");
			assertThat(driver.findElement(By.id("port")).getDomProperty("value")).as("suggested port").isEqualTo("587");
			driver.findElement(By.id("username")).sendKeys("info@demo-accountants.nl");
			driver.findElement(By.id("password")).sendKeys(PASSWORD);
			browser.clickAndWaitForNextPage(By.id("smtp-save"));

			assertThat(browser.text()).contains("De SMTP-instellingen zijn opgeslagen.",
					"E-mails aan werkgevers worden verstuurd vanaf info@demo-accountants.nl via localhost.",
					"Laatst gewijzigd door accountant op ", "Aanpassen");
			assertReadOnlyWithoutPassword(driver, "localhost", "587");
			fullPageScreenshot(browser, "smtp-instellingen-gebruiker.png");

			browser.clickLink("Werkgever");
			browser.clickLink("Onderhoud");
			browser.clickLink("SMTP Instellingen");
			assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Kies de werkgever");
			assertThat(browser.text()).contains("Bakkerij De Korenbloem", "Fietsenmaker Jansen")
				.doesNotContain("Kapsalon Knip");
			browser.clickLink("Bakkerij De Korenbloem");

			assertThat(browser.text()).contains("Werkgeversniveau: 1001 Bakkerij De Korenbloem",
					"E-mails aan werknemers worden verstuurd vanaf no-reply@salaronline.nl via de server van "
							+ "SalarOnline, met salaris@korenbloem.nl als antwoordadres.");
			browser.clickLink("Aanpassen");
			driver.findElement(By.id("enabled")).click();
			driver.findElement(By.id("host")).sendKeys("127.0.0.1");
			new Select(driver.findElement(By.id("security"))).selectByVisibleText("SSL/TLS");
			driver.findElement(By.id("username")).sendKeys("salaris@korenbloem.nl");
			driver.findElement(By.id("password")).sendKeys(PASSWORD);
			browser.clickAndWaitForNextPage(By.id("smtp-save"));

			assertThat(browser.text()).contains("De SMTP-instellingen zijn opgeslagen.",
					"E-mails aan werknemers worden verstuurd vanaf salaris@korenbloem.nl via 127.0.0.1.");
			assertReadOnlyWithoutPassword(driver, "127.0.0.1", "465");
			fullPageScreenshot(browser, "smtp-instellingen-werkgever.png");

			// the employer shown above every Werkgever page, with the way to change it
			assertThat(browser.text()).contains("Werkgever: Bakkerij De Korenbloem (1001)");
			browser.clickLink("Andere werkgever");
			assertThat(driver.findElement(By.id("employers")).getText()).containsPattern("Bakkerij De Korenbloem.*Aan")
				.containsPattern("Fietsenmaker Jansen.*Uit");
		}
	}

	@Test
	void aValidationErrorIsShownInDutchBesideItsFieldAndNothingIsSaved() {
		try (Browser browser = new Browser(port)) {
			WebDriver driver = browser.driver();
			browser.login("accountant", "accountant");
			browser.open("/gebruiker/smtp-instellingen");
			browser.clickLink("Aanpassen");
			driver.findElement(By.id("enabled")).click();
			driver.findElement(By.id("host")).sendKeys("smtp server.nl");
			new Select(driver.findElement(By.id("security"))).selectByVisibleText("Geen");
			driver.findElement(By.id("port")).clear();
			driver.findElement(By.id("port")).sendKeys("70000");
			driver.findElement(By.id("username")).sendKeys("info@demo-accountants.nl");
			driver.findElement(By.id("password")).sendKeys(PASSWORD);
			browser.clickAndWaitForNextPage(By.id("smtp-save"));

			assertThat(driver.findElement(By.id("host-error")).getText()).isEqualTo(
					"Vul een geldig serveradres in: een servernaam zoals smtp.provider.nl of een IP-adres, zonder spaties.");
			assertThat(driver.findElement(By.id("port-error")).getText())
				.isEqualTo("Een poort is een getal van 1 tot en met 65535.");
			assertThat(driver.findElement(By.id("host")).getDomProperty("value")).isEqualTo("smtp server.nl");
			assertThat(driver.findElement(By.id("port")).getDomProperty("value")).isEqualTo("70000");
			assertThat(driver.findElement(By.id("password")).getDomProperty("value")).isEmpty();
			assertThat(driver.getPageSource()).doesNotContain(PASSWORD);
			assertThat(browser.text()).contains("Opslaan", "Annuleren");
			long demo = accounts.findByName("Demo Accountants B.V.").orElseThrow().getId();
			assertThat(settings.findByAccountId(demo)).isEmpty();

			browser.clickLink("Annuleren");
			assertThat(driver.findElement(By.id("host")).isEnabled()).isFalse();
			assertThat(driver.findElement(By.id("host")).getDomProperty("value")).isEmpty();
		}
	}

	@Test
	void choosingTheSecuritySuggestsTheUsualPortButKeepsATypedOne() {
		try (Browser browser = new Browser(port)) {
			WebDriver driver = browser.driver();
			browser.login("accountant", "accountant");
			browser.open("/werkgever/1002/smtp-instellingen/bewerken");
			Select security = new Select(driver.findElement(By.id("security")));
			WebElement portField = driver.findElement(By.id("port"));

			security.selectByVisibleText("SSL/TLS");
			assertThat(portField.getDomProperty("value")).isEqualTo("465");
			security.selectByVisibleText("STARTTLS");
			assertThat(portField.getDomProperty("value")).isEqualTo("587");
			security.selectByVisibleText("Geen");
			assertThat(portField.getDomProperty("value")).isEqualTo("25");

			portField.clear();
			portField.sendKeys("2525");
			security.selectByVisibleText("SSL/TLS");
			assertThat(portField.getDomProperty("value")).isEqualTo("2525");
		}
	}

	@Test
	void choosingGeenShowsItsWarningAndConfirmationAtOnce() {
		try (Browser browser = new Browser(port)) {
			WebDriver driver = browser.driver();
			browser.login("accountant", "accountant");
			browser.open("/werkgever/1002/smtp-instellingen/bewerken");
			Select security = new Select(driver.findElement(By.id("security")));

			security.selectByVisibleText("STARTTLS");
			assertThat(driver.findElement(By.id("smtp-plain-text")).isDisplayed()).isFalse();
			security.selectByVisibleText("Geen");
			assertThat(driver.findElement(By.id("smtp-plain-text")).isDisplayed()).isTrue();
			assertThat(driver.findElement(By.id("plainTextSignIn-warning")).getText())
				.startsWith("Let op: met Gebruik Beveiliging Geen gaat het wachtwoord onversleuteld over het netwerk");
			assertThat(driver.findElement(By.cssSelector("label[for=plainTextSignIn]")).getText())
				.isEqualTo("Ik begrijp dat het wachtwoord (of de OAuth2-gegevens) met Geen onversleuteld over het "
						+ "netwerk gaat");
			security.selectByVisibleText("SSL/TLS");
			assertThat(driver.findElement(By.id("smtp-plain-text")).isDisplayed()).isFalse();
		}
	}

	@Test
	void aPresetFillsTheServerAndOAuth2AsksForItsOwnFieldsInsteadOfThePassword() {
		try (Browser browser = new Browser(port)) {
			WebDriver driver = browser.driver();
			browser.login("accountant", "accountant");
			browser.open("/gebruiker/smtp-instellingen/bewerken");
			driver.findElement(By.id("enabled")).click();

			new Select(driver.findElement(By.id("provider"))).selectByVisibleText("Microsoft 365");
			assertThat(driver.findElement(By.id("host")).getDomProperty("value")).isEqualTo("smtp.office365.com");
			assertThat(driver.findElement(By.id("port")).getDomProperty("value")).isEqualTo("587");
			assertThat(new Select(driver.findElement(By.id("security"))).getFirstSelectedOption().getText())
				.isEqualTo("STARTTLS");
			assertThat(driver.findElement(By.id("provider-apply")).isDisplayed()).isFalse();
			assertThat(driver.findElement(By.id("password")).isDisplayed()).isTrue();
			assertThat(driver.findElement(By.id("tenantId")).isDisplayed()).isFalse();

			new Select(driver.findElement(By.id("authMethod"))).selectByVisibleText("Microsoft 365 (OAuth2)");
			assertThat(driver.findElement(By.id("password")).isDisplayed()).isFalse();
			assertThat(driver.findElement(By.id("serviceAccountKey")).isDisplayed()).isFalse();
			// a loopback server: the tests resolve no outside names
			driver.findElement(By.id("host")).clear();
			driver.findElement(By.id("host")).sendKeys("localhost");
			driver.findElement(By.id("username")).sendKeys("info@demo-accountants.nl");
			driver.findElement(By.id("tenantId")).sendKeys("demoaccountants.onmicrosoft.com");
			driver.findElement(By.id("clientId")).sendKeys("6731de76-14a6-49ae-97bc-6eba6914391e");
			driver.findElement(By.id("clientSecret")).sendKeys(PASSWORD);
			browser.clickAndWaitForNextPage(By.id("smtp-save"));

			assertThat(browser.text()).contains("De SMTP-instellingen zijn opgeslagen.",
					"Er is een clientgeheim opgeslagen").doesNotContain(PASSWORD);
			assertThat(new Select(driver.findElement(By.id("authMethod"))).getFirstSelectedOption().getText())
				.isEqualTo("Microsoft 365 (OAuth2)");
			assertThat(driver.findElements(By.id("password"))).isEmpty();
			assertThat(driver.getPageSource()).doesNotContain(PASSWORD);
		}
	}

	@Test
	void theFormWorksWithTheKeyboardAlone() {
		try (Browser browser = new Browser(port)) {
			WebDriver driver = browser.driver();
			browser.login("accountant", "accountant");
			browser.open("/gebruiker/smtp-instellingen/bewerken");
			driver.findElement(By.id("enabled")).sendKeys(Keys.SPACE);
			driver.switchTo().activeElement().sendKeys(Keys.TAB);
			assertThat(activeId(driver)).isEqualTo("provider");
			typeAndTab(driver, "host", "localhost");
			typeAndTab(driver, "port", "2525");
			typeAndTab(driver, "username", "info@demo-accountants.nl");
			driver.switchTo().activeElement().sendKeys(Keys.TAB);
			assertThat(activeId(driver)).isEqualTo("security");
			driver.switchTo().activeElement().sendKeys("STARTTLS");
			driver.switchTo().activeElement().sendKeys(Keys.TAB);
			assertThat(activeId(driver)).isEqualTo("authMethod");
			driver.switchTo().activeElement().sendKeys(Keys.TAB);
			assertThat(activeId(driver)).isEqualTo("password");
			WebElement form = driver.findElement(By.tagName("html"));
			driver.switchTo().activeElement().sendKeys(PASSWORD, Keys.ENTER);
			new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(form));

			assertThat(browser.text()).contains("De SMTP-instellingen zijn opgeslagen.",
					"E-mails aan werkgevers worden verstuurd vanaf info@demo-accountants.nl via localhost.");
			assertReadOnlyWithoutPassword(driver, "localhost", "2525");
		}
	}

	@Test
	void theFormFitsAPhoneScreen() {
		try (Browser browser = new Browser(port)) {
			WebDriver driver = browser.driver();
			browser.login("accountant", "accountant");
			driver.manage().window().setSize(new Dimension(390, 844));
			for (String path : Stream.of("/gebruiker/smtp-instellingen", "/werkgever/smtp-instellingen",
					"/werkgever/1001/smtp-instellingen/bewerken").toList()) {
				browser.open(path);
				Number overflow = (Number) ((JavascriptExecutor) driver).executeScript(
						"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
				assertThat(overflow.intValue()).as("horizontal scrolling on %s", path).isLessThanOrEqualTo(0);
			}
		}
	}

	@Test
	void anotherAccountCannotReachDemosEmployers() {
		try (Browser browser = new Browser(port)) {
			browser.login("ander", "ander");
			browser.clickLink("Werkgever");
			browser.clickLink("SMTP Instellingen");
			assertThat(browser.text()).contains("Kies de werkgever", "Kapsalon Knip")
				.doesNotContain("Bakkerij De Korenbloem", "Fietsenmaker Jansen");

			for (String path : List.of("/werkgever/1001/smtp-instellingen", "/werkgever/1001/smtp-instellingen/bewerken",
					"/werkgever/1002/smtp-instellingen")) {
				browser.open(path);
				assertThat(browser.text()).as(path).contains("Deze pagina bestaat niet")
					.doesNotContain("Bakkerij De Korenbloem", "Fietsenmaker Jansen");
			}
		}
	}

	private static void assertReadOnlyWithoutPassword(WebDriver driver, String host, String port) {
		assertThat(driver.findElement(By.id("host")).isEnabled()).isFalse();
		assertThat(driver.findElement(By.id("host")).getDomProperty("value")).isEqualTo(host);
		assertThat(driver.findElement(By.id("port")).getDomProperty("value")).isEqualTo(port);
		assertThat(driver.findElement(By.id("enabled")).isSelected()).isTrue();
		assertThat(driver.findElement(By.id("password")).getDomProperty("value")).isEmpty();
		assertThat(driver.getPageSource()).doesNotContain(PASSWORD);
	}

	/**
	 * For the README: the whole page at laptop width, not just the part in the window. Only with
	 * {@code -Dscreenshots=true}, so that a test run leaves the tree as it was.
	 */
	private static void fullPageScreenshot(Browser browser, String name) {
		if (!Boolean.getBoolean("screenshots")) {
			return;
		}
		WebDriver driver = browser.driver();
		Dimension window = driver.manage().window().getSize();
		Number height = (Number) ((JavascriptExecutor) driver)
			.executeScript("return document.documentElement.scrollHeight;");
		driver.manage().window().setSize(new Dimension(window.getWidth(), height.intValue() + 150));
		browser.screenshot(Path.of("docs/screenshots", name));
		driver.manage().window().setSize(window);
	}

	private static void typeAndTab(WebDriver driver, String expectedId, String text) {
		driver.switchTo().activeElement().sendKeys(Keys.TAB);
		assertThat(activeId(driver)).isEqualTo(expectedId);
		WebElement active = driver.switchTo().activeElement();
		active.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
	}

	private static String activeId(WebDriver driver) {
		return driver.switchTo().activeElement().getAttribute("id");
	}

}
