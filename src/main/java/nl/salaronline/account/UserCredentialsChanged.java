package nl.salaronline.account;

/** Published when a user's password or enabled status changes, so cached logins can be dropped. */
public record UserCredentialsChanged(String username) {
}
