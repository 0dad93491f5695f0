-- When the owner expedited the version's current review (null: not expedited); cleared as a review begins.
alter table plugin_version add column expedited_at timestamp;

-- The version's one appeal against a rejection: PENDING, UPHELD or DENIED; null while none was filed.
alter table plugin_version add column appeal_state varchar(16);

-- The review standard items a rejection cites (comma-separated ids such as 2.1), kept with its history event.
alter table version_event add column findings varchar(500);

-- The standard items a reviewer's rejection cites, kept with the decision until the reject step carries it out.
alter table plugin_version add column decision_findings varchar(500);

-- The standard items the last rejection cited, shown with its reason.
alter table plugin_version add column reject_findings varchar(500);
