package nl.salaronline.security;

import static nl.salaronline.testsupport.ClientAddresses.from;
import static nl.salaronline.testsupport.ClientAddresses.newAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Role;
import nl.salaronline.account.Users;

/**
 * Issue 16, point 3, against the running application: five wrong passwords lock a name only for the address they came
 * from. The real user, from another address, waits a few seconds at most and signs in, admin included.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ScreenLockoutTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Users users;

	@Autowired
	private AccountRepository accounts;

	@Test
	void anAttackerLocksOutOnlyTheirOwnAddressAndTheAdminStillSignsIn() throws Exception {
		String admin = "beheer-" + HostileInputTests.unique();
		users.create(admin, "juist-wachtwoord", Role.ADMIN, null);
		String attacker = newAddress();
		String office = newAddress();
		for (String spelling : new String[] { admin, admin.toUpperCase(), " " + admin, admin + " ",
				Character.toUpperCase(admin.charAt(0)) + admin.substring(1) }) {
			signIn(spelling, "fout", attacker, "/login?error");
		}
		signIn(admin, "juist-wachtwoord", attacker, "/login?locked");
		signIn(admin.toUpperCase(), "juist-wachtwoord", attacker, "/login?locked");

		long start = System.nanoTime();
		mvc.perform(login(admin, "juist-wachtwoord", office)).andExpect(authenticated().withUsername(admin));
		assertThat(System.nanoTime() - start).as("waited a second before the check").isGreaterThan(900_000_000L);
	}

	@Test
	void guessesFromManyAddressesMakeEveryOtherAddressWaitLongerButNeverLockIt() throws Exception {
		String accountant = "boekhouder-" + HostileInputTests.unique();
		users.create(accountant, "juist-wachtwoord", Role.ACCOUNTANT,
				accounts.findByName("Demo Accountants B.V.").orElseThrow().getId());
		for (int i = 0; i < 5; i++) {
			signIn(accountant, "fout-" + i, newAddress(), "/login?error");
		}
		// the sixth failure (after waiting 1 s) makes the next address wait 2 s; a wrong password is still "error"
		signIn(accountant, "fout", newAddress(), "/login?error");
		long start = System.nanoTime();
		signIn(accountant, "juist-wachtwoord", newAddress(), "/");
		assertThat(System.nanoTime() - start).as("waited two seconds before the check")
			.isGreaterThan(1_900_000_000L);
	}

	@Test
	void theLockedMessageIsDutch() throws Exception {
		mvc.perform(get("/login").param("locked", ""))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString(
						"Te veel mislukte pogingen voor deze gebruikersnaam. Probeer het over 5 minuten opnieuw.")));
	}

	static Stream<String> hostileUserNames() {
		// each name its own (after lower case and stripping), so that no test slows another's or a demo user's login
		String u = HostileInputTests.unique();
		return Stream.of("", "a\r\nb" + u, "a\u0000b" + u, "\u202Eadmin" + u, "beheer" + u + "\u2028",
				"x".repeat(10_000) + u, "' or '1'='1" + u, "%0d%0a" + u, "ädmïn" + u, "admin@example.nl" + u);
	}

	@ParameterizedTest
	@MethodSource("hostileUserNames")
	void hostileUserNamesAreRefusedLikeAnyWrongLoginAndCountedForTheirAddress(String username) throws Exception {
		String address = newAddress();
		for (int i = 0; i < 5; i++) {
			signIn(username, "fout", address, "/login?error");
		}
		signIn(username, "fout", address, "/login?locked");
	}

	private static MockHttpServletRequestBuilder login(String username, String password, String address) {
		return post("/login").param("username", username).param("password", password).with(csrf()).with(from(address));
	}

	private void signIn(String username, String password, String address, String expectedRedirect) throws Exception {
		mvc.perform(login(username, password, address))
			.andExpect(expectedRedirect.equals("/") ? authenticated() : unauthenticated())
			.andExpect(redirectedUrl(expectedRedirect));
	}

}
