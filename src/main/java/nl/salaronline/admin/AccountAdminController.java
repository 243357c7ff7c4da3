package nl.salaronline.admin;

import jakarta.validation.Valid;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.AppUser;
import nl.salaronline.account.AppUserRepository;
import nl.salaronline.account.Role;
import nl.salaronline.account.Users;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.layout.ScreenController;

/** Admin screens for accounts and their users. */
@ScreenController
@RequestMapping("/admin/accounts")
class AccountAdminController {

	private static final String ACCOUNT_FORM = "admin/account-form";

	private static final String USER_FORM = "admin/user-form";

	private final AccountRepository accounts;

	private final AppUserRepository appUsers;

	private final Users users;

	private final EmployerRepository employers;

	AccountAdminController(AccountRepository accounts, AppUserRepository appUsers, Users users,
			EmployerRepository employers) {
		this.accounts = accounts;
		this.appUsers = appUsers;
		this.users = users;
		this.employers = employers;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("accounts", accounts.findAllByOrderByNameAsc());
		model.addAttribute("platformUsers", appUsers.findByAccountIdIsNullOrderByUsernameAsc());
		return "admin/accounts";
	}

	@GetMapping("/new")
	String initCreationForm(Model model) {
		model.addAttribute("accountForm", new AccountForm());
		return ACCOUNT_FORM;
	}

	@PostMapping("/new")
	String processCreationForm(@Valid AccountForm accountForm, BindingResult result, RedirectAttributes redirect) {
		AccountForm.validateEmail(accountForm.getEmail(), result);
		rejectTakenName(accountForm, null, result);
		if (result.hasErrors()) {
			return ACCOUNT_FORM;
		}
		Account account = new Account("", "");
		accountForm.applyTo(account);
		if (!saved(account, result)) {
			return ACCOUNT_FORM;
		}
		redirect.addFlashAttribute("message", "admin.saved");
		return "redirect:/admin/accounts/" + account.getId();
	}

	@GetMapping("/{accountId}")
	String show(@PathVariable long accountId, Model model) {
		model.addAttribute("account", account(accountId));
		model.addAttribute("users", appUsers.findByAccountIdOrderByUsernameAsc(accountId));
		model.addAttribute("employers", employers.findByAccountIdOrderByCodeAsc(accountId));
		return "admin/account";
	}

	@GetMapping("/{accountId}/edit")
	String initUpdateForm(@PathVariable long accountId, Model model) {
		Account account = account(accountId);
		model.addAttribute("account", account);
		model.addAttribute("accountForm", AccountForm.of(account));
		return ACCOUNT_FORM;
	}

	@PostMapping("/{accountId}/edit")
	String processUpdateForm(@PathVariable long accountId, @Valid AccountForm accountForm, BindingResult result,
			Model model, RedirectAttributes redirect) {
		Account account = account(accountId);
		AccountForm.validateEmail(accountForm.getEmail(), result);
		rejectTakenName(accountForm, account, result);
		if (result.hasErrors()) {
			model.addAttribute("account", account);
			return ACCOUNT_FORM;
		}
		accountForm.applyTo(account);
		if (!saved(account, result)) {
			model.addAttribute("account", account);
			return ACCOUNT_FORM;
		}
		redirect.addFlashAttribute("message", "admin.saved");
		return "redirect:/admin/accounts/" + accountId;
	}

	@GetMapping("/{accountId}/users/new")
	String initUserForm(@PathVariable long accountId, Model model) {
		model.addAttribute("account", account(accountId));
		model.addAttribute("userForm", new UserForm());
		return USER_FORM;
	}

	@PostMapping("/{accountId}/users/new")
	String processUserForm(@PathVariable long accountId,
			@Validated({ UserForm.NewUser.class, jakarta.validation.groups.Default.class }) UserForm userForm,
			BindingResult result, Model model, RedirectAttributes redirect) {
		Account account = account(accountId);
		if (!result.hasFieldErrors("username") && appUsers.existsByUsername(userForm.getUsername())) {
			result.rejectValue("username", "duplicate");
		}
		if (result.hasErrors()) {
			model.addAttribute("account", account);
			userForm.setPassword(null);
			return USER_FORM;
		}
		users.create(userForm.getUsername(), userForm.getPassword(), Role.ACCOUNTANT, account.getId());
		redirect.addFlashAttribute("message", "admin.saved");
		return "redirect:/admin/accounts/" + accountId;
	}

	@GetMapping("/users/{userId}/password")
	String initPasswordForm(@PathVariable long userId, Model model) {
		model.addAttribute("user", user(userId));
		model.addAttribute("userForm", new UserForm());
		return "admin/password-form";
	}

	@PostMapping("/users/{userId}/password")
	String processPasswordForm(@PathVariable long userId, @Valid UserForm userForm, BindingResult result, Model model,
			RedirectAttributes redirect) {
		AppUser user = user(userId);
		if (result.hasErrors()) {
			model.addAttribute("user", user);
			userForm.setPassword(null);
			return "admin/password-form";
		}
		users.changePassword(user, userForm.getPassword());
		redirect.addFlashAttribute("message", "admin.passwordChanged");
		return user.getAccountId() == null ? "redirect:/admin/accounts" : "redirect:/admin/accounts/" + user.getAccountId();
	}

	@ModelAttribute("roles")
	Role[] roles() {
		return Role.values();
	}

	private Account account(long accountId) {
		return accounts.findById(accountId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private AppUser user(long userId) {
		return appUsers.findById(userId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** An account's name is unique (V49): the same name twice made every lookup by name ambiguous. */
	private void rejectTakenName(AccountForm form, Account current, BindingResult result) {
		if (!result.hasFieldErrors("name") && form.getName() != null) {
			accounts.findByName(form.getName().strip())
				.filter(other -> current == null || !other.getId().equals(current.getId()))
				.ifPresent(other -> result.rejectValue("name", "duplicate"));
		}
	}

	private boolean saved(Account account, BindingResult result) {
		try {
			accounts.saveAndFlush(account);
			return true;
		}
		catch (DataIntegrityViolationException ex) {
			// two admins saving the same name at once: the unique constraint decides
			result.rejectValue("name", "duplicate");
			return false;
		}
	}

}
