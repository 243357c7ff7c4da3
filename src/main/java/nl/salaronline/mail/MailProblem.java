package nl.salaronline.mail;

/**
 * One bad field of a mail.
 *
 * @param field the field as named in the JSON of the HTTP API, e.g. {@code to} or {@code attachments[0].base64}
 * @param message what is wrong, in English (the API's language)
 */
public record MailProblem(String field, String message) {
}
