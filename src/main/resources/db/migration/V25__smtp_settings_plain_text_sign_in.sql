-- "Gebruik Beveiliging" Geen with a secret: the level confirmed, after a warning on the screen, that its password (or
-- OAuth2 token) crosses the network unencrypted. Without it the sender never signs in on a connection without TLS.
-- Levels saved before the warning existed were never warned, so they start unconfirmed (see docs/DECISIONS.md).
alter table smtp_settings add column plain_text_sign_in_confirmed boolean default false not null;
