package nl.salaronline.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;

/** Fresh accounts and employers with unique names and codes, so tests never meet each other's data. */
public class MailFixtures {

	private final AccountRepository accounts;

	private final EmployerRepository employers;

	public MailFixtures(AccountRepository accounts, EmployerRepository employers) {
		this.accounts = accounts;
		this.employers = employers;
	}

	public Account account(String name) {
		String unique = unique();
		return accounts.save(new Account(name + " " + unique, "kantoor-" + unique + "@accountant.nl"));
	}

	public Employer employer(Account account, String name) {
		String unique = unique();
		return employers.save(new Employer("M" + unique, name, "loon-" + unique + "@werkgever.nl", account.getId()));
	}

	public static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	/** A recipient address no other test uses. */
	public static String recipient(String who) {
		return who + "-" + unique() + "@ontvanger.nl";
	}

	/** Waits (at most the timeout) until the condition holds; fails the test otherwise. */
	public static void await(Duration timeout, String what, BooleanSupplier condition) {
		Instant end = Instant.now().plus(timeout);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(end)) {
				throw new AssertionError("Timed out waiting until " + what);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted", ex);
			}
		}
	}

}
