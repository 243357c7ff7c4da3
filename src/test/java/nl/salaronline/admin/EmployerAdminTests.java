package nl.salaronline.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.AppUserRepository;
import nl.salaronline.employer.EmployerRepository;

@SpringBootTest
@AutoConfigureMockMvc
class EmployerAdminTests {

	private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private AppUserRepository users;

	@Test
	void adminCreatesAnEmployerForAnAccount() throws Exception {
		String code = uniqueCode();
		Long accountId = accounts.findByName("Demo Accountants B.V.").orElseThrow().getId();
		mvc.perform(post("/admin/employers/new").with(ADMIN).with(csrf())
			.param("code", code).param("name", "Garage Test").param("email", "loon@garage.nl")
			.param("accountId", accountId.toString()))
			.andExpect(status().isFound());
		assertThat(employers.findByCode(code)).hasValueSatisfying(employer -> {
			assertThat(employer.getName()).isEqualTo("Garage Test");
			assertThat(employer.getAccountId()).isEqualTo(accountId);
		});
	}

	@Test
	void aDuplicateEmployerCodeIsAFieldErrorNotAServerError() throws Exception {
		Long accountId = accounts.findByName("Andere Accountants B.V.").orElseThrow().getId();
		long before = employers.count();
		mvc.perform(post("/admin/employers/new").with(ADMIN).with(csrf())
			.param("code", "1001").param("name", "Dubbel").param("email", "x@dubbel.nl")
			.param("accountId", accountId.toString()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Dit werkgeversnummer is al in gebruik.")))
			.andExpect(content().string(containsString("value=\"Dubbel\"")));
		assertThat(employers.count()).isEqualTo(before);
	}

	@Test
	void invalidInputShowsDutchMessagesAndSavesNothing() throws Exception {
		long before = employers.count();
		mvc.perform(post("/admin/employers/new").with(ADMIN).with(csrf())
			.param("code", "10 01").param("name", "").param("email", "geen-adres").param("accountId", "999999"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Een werkgeversnummer bestaat uit 1 tot 20 cijfers of letters.")))
			.andExpect(content().string(containsString("Vul dit veld in.")))
			.andExpect(content().string(containsString("Vul een geldig e-mailadres in")))
			.andExpect(content().string(containsString("Kies een bestaand account.")));
		mvc.perform(post("/admin/employers/new").with(ADMIN).with(csrf()).param("code", uniqueCode())
			.param("name", "X").param("email", "a@b.nl").param("accountId", "abc"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Deze waarde is ongeldig.")));
		assertThat(employers.count()).isEqualTo(before);
	}

	@Test
	void adminCreatesAnAccountWithAUserWhoseNameMustBeUnique() throws Exception {
		String name = "Test Kantoor " + UUID.randomUUID();
		mvc.perform(post("/admin/accounts/new").with(ADMIN).with(csrf())
			.param("name", name).param("email", "info@testkantoor.nl"))
			.andExpect(status().isFound());
		Long accountId = accounts.findByName(name).orElseThrow().getId();
		String username = "u" + uniqueCode();
		mvc.perform(post("/admin/accounts/{id}/users/new", accountId).with(ADMIN).with(csrf())
			.param("username", username).param("password", "lang-genoeg"))
			.andExpect(status().isFound());
		assertThat(users.findByUsername(username)).hasValueSatisfying(user -> {
			assertThat(user.getAccountId()).isEqualTo(accountId);
			assertThat(user.getPasswordHash()).doesNotContain("lang-genoeg");
		});
		mvc.perform(post("/admin/accounts/{id}/users/new", accountId).with(ADMIN).with(csrf())
			.param("username", username).param("password", "lang-genoeg"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Deze gebruikersnaam is al in gebruik.")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("lang-genoeg"))));
	}

	@Test
	void anUnknownAccountIsNotFound() throws Exception {
		mvc.perform(get("/admin/accounts/987654").with(ADMIN)).andExpect(status().isNotFound());
	}

	private static String uniqueCode() {
		return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

}
