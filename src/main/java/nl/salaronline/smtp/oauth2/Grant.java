package nl.salaronline.smtp.oauth2;

import nl.salaronline.smtp.SmtpAccessTokenException;
import nl.salaronline.smtp.SmtpServer;

/** One provider's way to get an access token for a level's mailbox. */
interface Grant {

	IssuedToken fetch(SmtpServer server) throws SmtpAccessTokenException;

}
