-- H2 (development and the jar's default, one instance) serves the Verzendlog from the indexes of mail's foreign keys
-- (employer_id, account_id), which H2 made of its own when V3 created the table, and drops V3's wider indexes on the
-- same columns. H2 2.x carries out an UPDATE by taking the row out of every index of its table and putting it back
-- (V50), and it cannot hang a foreign key on a wider index, so these were two more index writes of every mail on each
-- of its three writes (stored, claimed, SENT). A Verzendlog page now reads one level's mails by the foreign key's index
-- and sorts them: milliseconds for a development database. PostgreSQL keeps the indexes (docs/DECISIONS.md).
drop index ix_mail_account_kind_created;
drop index ix_mail_employer_kind_created;
