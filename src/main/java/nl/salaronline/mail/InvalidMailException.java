package nl.salaronline.mail;

import java.util.List;

/** The mail was refused; {@link #problems()} names every bad field. Nothing was stored. */
public class InvalidMailException extends RuntimeException {

	private final List<MailProblem> problems;

	public InvalidMailException(List<MailProblem> problems) {
		super("Invalid mail: " + problems.stream().map(MailProblem::field).toList());
		this.problems = List.copyOf(problems);
	}

	public List<MailProblem> problems() {
		return problems;
	}

}
