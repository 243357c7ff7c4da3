/**
 * The development mail catcher, "Postvak (ontwikkeling)": outside the prod profile, when the default transport points
 * at a loopback port where nothing listens (a fresh machine, {@code localhost:1025}), the application catches the
 * default transport's mails itself, keeps the last 500 in memory and shows them to admins (all) and accountants (their
 * own account's). A real catcher already on that port (Mailpit) is left alone and used.
 */
package nl.salaronline.devmail;
