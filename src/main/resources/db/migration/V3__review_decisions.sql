-- The decision a person made by completing a review task, kept on the version until the process step
-- that carries it out: approve, reject, go live and the rest act only on a decision of their own review.
alter table plugin_version add column decision varchar(32);
alter table plugin_version add column decision_by varchar(64);
alter table plugin_version add column decision_review varchar(64);
alter table plugin_version add column decision_percentage integer;
alter table plugin_version add column decision_category varchar(32);
alter table plugin_version add column decision_comment varchar(2000);
