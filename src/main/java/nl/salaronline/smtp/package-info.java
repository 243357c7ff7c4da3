/**
 * The SMTP client: connection settings of a level ({@link nl.salaronline.smtp.SmtpServer}), connecting to such a
 * server with timeouts, TLS and host checks ({@link nl.salaronline.smtp.SmtpConnections}), classifying what went
 * wrong ({@link nl.salaronline.smtp.SmtpFailure}), and the staged probe behind "Test verbinding". It knows nothing of
 * accounts, employers or the outbox.
 */
package nl.salaronline.smtp;
