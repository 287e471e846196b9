-- 005_checks_without_lists.sql — the same CHECK constraints, written as OR chains.
-- SQLite evaluates `x IN ('a', 'b', 'c')` (three values or more) by building a temporary
-- index each time a statement runs, which made every inserted or updated row of these
-- tables five times dearer (bench/import.sh).  `x = 'a' OR x = 'b' OR x = 'c'` means the
-- same and costs nothing extra.  The stored table definitions are rewritten in place
-- (https://sqlite.org/lang_altertable.html#otheralter: changing a CHECK constraint does
-- not change the file format, and every stored row satisfies the equivalent constraint);
-- creating and dropping a table afterwards moves the schema cookie, so every open
-- connection re-reads the definitions.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(replace(sql,
	'CHECK (entity IN (''employee'', ''group_contract'', ''commitment'', ''insurance_contract''))',
	'CHECK (entity = ''employee'' OR entity = ''group_contract'' OR entity = ''commitment'' OR entity = ''insurance_contract'')'),
	'CHECK (action IN (''create'', ''update'', ''import''))',
	'CHECK (action = ''create'' OR action = ''update'' OR action = ''import'')')
WHERE type = 'table' AND name = 'changes';
UPDATE sqlite_schema SET sql = replace(replace(replace(sql,
	'CHECK (vehicle IN (''DZ'', ''UK'', ''DV'', ''PK'', ''PF''))',
	'CHECK (vehicle = ''DZ'' OR vehicle = ''UK'' OR vehicle = ''DV'' OR vehicle = ''PK'' OR vehicle = ''PF'')'),
	'CHECK (type IN (''LZ'', ''BOLZ'', ''BZML''))',
	'CHECK (type = ''LZ'' OR type = ''BOLZ'' OR type = ''BZML'')'),
	'CHECK (financing IN (''employer'', ''employee'', ''mixed''))',
	'CHECK (financing = ''employer'' OR financing = ''employee'' OR financing = ''mixed'')')
WHERE type = 'table' AND name = 'commitments';
UPDATE sqlite_schema SET sql = replace(replace(replace(sql,
	'CHECK (sex IN (''f'', ''m'', ''d'', ''x''))',
	'CHECK (sex = ''f'' OR sex = ''m'' OR sex = ''d'' OR sex = ''x'')'),
	'CHECK (federal_state IN (''BW'', ''BY'', ''BE'', ''BB'',
	''HB'', ''HH'', ''HE'', ''MV'', ''NI'', ''NW'', ''RP'', ''SL'', ''SN'', ''ST'', ''SH'', ''TH''))',
	'CHECK (federal_state = ''BW'' OR federal_state = ''BY'' OR federal_state = ''BE'' OR federal_state = ''BB'' OR federal_state = ''HB'' OR federal_state = ''HH'' OR federal_state = ''HE'' OR federal_state = ''MV'' OR federal_state = ''NI'' OR federal_state = ''NW'' OR federal_state = ''RP'' OR federal_state = ''SL'' OR federal_state = ''SN'' OR federal_state = ''ST'' OR federal_state = ''SH'' OR federal_state = ''TH'')'),
	'CHECK (exit_reason IN (''resignation'', ''dismissal'',
	''mutual'', ''fixed_term'', ''retirement'', ''death'', ''other''))',
	'CHECK (exit_reason = ''resignation'' OR exit_reason = ''dismissal'' OR exit_reason = ''mutual'' OR exit_reason = ''fixed_term'' OR exit_reason = ''retirement'' OR exit_reason = ''death'' OR exit_reason = ''other'')')
WHERE type = 'table' AND name = 'employees';
UPDATE sqlite_schema SET sql = replace(replace(sql,
	'CHECK (vehicle IN (''DZ'', ''UK'', ''DV'', ''PK'', ''PF''))',
	'CHECK (vehicle = ''DZ'' OR vehicle = ''UK'' OR vehicle = ''DV'' OR vehicle = ''PK'' OR vehicle = ''PF'')'),
	'CHECK (subsidy_rule IN (''statutory15'', ''percent'', ''fixed'', ''none''))',
	'CHECK (subsidy_rule = ''statutory15'' OR subsidy_rule = ''percent'' OR subsidy_rule = ''fixed'' OR subsidy_rule = ''none'')')
WHERE type = 'table' AND name = 'group_contracts';
UPDATE sqlite_schema SET sql = replace(replace(replace(sql,
	'CHECK (payment_mode IN (''monthly'', ''quarterly'', ''half_yearly'', ''yearly''))',
	'CHECK (payment_mode = ''monthly'' OR payment_mode = ''quarterly'' OR payment_mode = ''half_yearly'' OR payment_mode = ''yearly'')'),
	'CHECK (beneficiary IN (''employee_irrevocable'', ''employee_revocable'', ''employer''))',
	'CHECK (beneficiary = ''employee_irrevocable'' OR beneficiary = ''employee_revocable'' OR beneficiary = ''employer'')'),
	'CHECK (status IN (''active'', ''contribution_free'', ''terminated''))',
	'CHECK (status = ''active'' OR status = ''contribution_free'' OR status = ''terminated'')')
WHERE type = 'table' AND name = 'insurance_contracts';
UPDATE sqlite_schema SET sql = replace(sql,
	'CHECK (role IN (''employer_admin'', ''hr'', ''employee'', ''broker'', ''tax_advisor''))',
	'CHECK (role = ''employer_admin'' OR role = ''hr'' OR role = ''employee'' OR role = ''broker'' OR role = ''tax_advisor'')')
WHERE type = 'table' AND name = 'memberships';
PRAGMA writable_schema = OFF;
CREATE TABLE schema_cookie_bump (x INTEGER);
DROP TABLE schema_cookie_bump;
