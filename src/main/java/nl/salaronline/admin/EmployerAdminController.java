package nl.salaronline.admin;

import jakarta.validation.Valid;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.layout.ScreenController;

/** Admin screens for employers: one template for create and update. */
@ScreenController
@RequestMapping("/admin/employers")
class EmployerAdminController {

	private static final String EMPLOYER_FORM = "admin/employer-form";

	private final EmployerRepository employers;

	private final AccountRepository accounts;

	EmployerAdminController(EmployerRepository employers, AccountRepository accounts) {
		this.employers = employers;
		this.accounts = accounts;
	}

	@ModelAttribute("accounts")
	java.util.List<Account> accounts() {
		return accounts.findAllByOrderByNameAsc();
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("employers", employers.findAllByOrderByCodeAsc());
		return "admin/employers";
	}

	@GetMapping("/new")
	String initCreationForm(@org.springframework.web.bind.annotation.RequestParam(required = false) Long accountId,
			Model model) {
		EmployerForm form = new EmployerForm();
		form.setAccountId(accountId);
		model.addAttribute("employerForm", form);
		return EMPLOYER_FORM;
	}

	@PostMapping("/new")
	String processCreationForm(@Valid EmployerForm employerForm, BindingResult result, RedirectAttributes redirect) {
		validate(employerForm, result, null);
		if (result.hasErrors()) {
			return EMPLOYER_FORM;
		}
		return save(employerForm.toEmployer(), result, redirect);
	}

	@GetMapping("/{employerId}/edit")
	String initUpdateForm(@PathVariable long employerId, Model model) {
		Employer employer = employer(employerId);
		model.addAttribute("employer", employer);
		model.addAttribute("employerForm", EmployerForm.of(employer));
		return EMPLOYER_FORM;
	}

	@PostMapping("/{employerId}/edit")
	String processUpdateForm(@PathVariable long employerId, @Valid EmployerForm employerForm, BindingResult result,
			Model model, RedirectAttributes redirect) {
		Employer employer = employer(employerId);
		model.addAttribute("employer", employer);
		validate(employerForm, result, employer);
		if (result.hasErrors()) {
			return EMPLOYER_FORM;
		}
		employerForm.applyTo(employer);
		return save(employer, result, redirect);
	}

	private void validate(EmployerForm form, BindingResult result, Employer current) {
		AccountForm.validateEmail(form.getEmail(), result);
		if (!result.hasFieldErrors("accountId") && !accounts.existsById(form.getAccountId())) {
			result.rejectValue("accountId", "unknown");
		}
		if (!result.hasFieldErrors("code")) {
			employers.findByCode(form.getCode().strip())
				.filter(other -> current == null || !other.getId().equals(current.getId()))
				.ifPresent(other -> result.rejectValue("code", "duplicate"));
		}
	}

	private String save(Employer employer, BindingResult result, RedirectAttributes redirect) {
		try {
			employers.saveAndFlush(employer);
		}
		catch (DataIntegrityViolationException ex) {
			// two admins saving the same code at once: the unique constraint decides
			result.rejectValue("code", "duplicate");
			return EMPLOYER_FORM;
		}
		redirect.addFlashAttribute("message", "admin.saved");
		return "redirect:/admin/accounts/" + employer.getAccountId();
	}

	private Employer employer(long employerId) {
		return employers.findById(employerId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
