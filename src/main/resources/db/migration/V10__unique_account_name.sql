-- An account's name is unique (issue 17): two instances creating the demo data at the same moment made
-- "Demo Accountants B.V." twice, and every later start failed on "Query did not return a unique result".
-- Existing duplicates keep their data and get a name that says so; the oldest keeps the name.
update account set name = substring(name from 1 for 170) || ' (dubbel ' || cast(id as varchar(20)) || ')'
 where id not in (select min(id) from account group by name);

alter table account add constraint uk_account_name unique (name);
