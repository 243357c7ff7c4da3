package nl.salaronline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Role;
import nl.salaronline.account.Users;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.testsupport.Browser;

/** An accountant finds a failed mail in the Verzendlog with a real Chromium and sends it again. */
@MailTest
class VerzendlogBrowserTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MailService mailService;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private Users users;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void accountantSendsAFailedMailAgainFromTheWerkgeverVerzendlog() {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Account account = fixtures.account("Kantoor Browser");
		Employer bakery = fixtures.employer(account, "Bakkerij De Korenbloem");
		String username = "acc" + MailFixtures.unique();
		users.create(username, "wachtwoord-" + username, Role.ACCOUNTANT, account.getId());
		String to = MailFixtures.recipient("werknemer");
		MailId id = VerzendlogTests.failed(transactions, mailService, jdbc,
				OutgoingMail.toEmployee(bakery.getCode(), to, "Uw loonstrook januari", "Tekst"));

		try (Browser browser = new Browser(port)) {
			browser.login(username, "wachtwoord-" + username);
			browser.clickLink("Werkgever");
			browser.clickLink("Verzendlog");
			waitFor(browser, ExpectedConditions.urlMatches("/werkgever/verzendlog$"));
			assertThat(browser.text()).contains("Kies de werkgever");
			browser.clickLink("Bakkerij De Korenbloem");
			waitFor(browser, ExpectedConditions.urlMatches("/werkgever/" + bakery.getCode() + "/verzendlog$"));
			assertThat(browser.text()).contains(to, "Uw loonstrook januari", "Mislukt", "550 5.1.1 mailbox unavailable");
			browser.screenshot(Path.of("target/screenshots/verzendlog-werkgever.png"));

			browser.driver().findElement(By.xpath("//button[normalize-space()='Opnieuw versturen']")).click();
			waitFor(browser, ExpectedConditions.presenceOfElementLocated(By.cssSelector(".alert-success")));
			assertThat(browser.text()).contains("staat weer in de wachtrij");
			MailFixtures.await(Duration.ofSeconds(30), "the mail is sent",
					() -> mailService.find(id).orElseThrow().status() == MailStatus.SENT);
			browser.driver().navigate().refresh();
			waitFor(browser, ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".alert-success")));
			assertThat(browser.text()).contains("Verzonden", "SalarOnline (standaard)");
			assertThat(browser.driver().findElements(By.xpath("//button[normalize-space()='Opnieuw versturen']")))
				.isEmpty();
		}
	}

	private static void waitFor(Browser browser, ExpectedCondition<?> condition) {
		new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(condition);
	}

}
