-- Plugin ids are unique without regard to case ("W6" and "w6" would read as one plugin to people).
-- plugin_key holds the lower-case id under a unique constraint (H2 has no index on an expression).
-- Ids that already differ in case only keep their data: the oldest holds the plain key, later ones
-- get their exact id appended, and no new id can take any of those keys.
alter table plugin add column plugin_key varchar(130);

update plugin set plugin_key = lower(plugin_id);

update plugin p set plugin_key = p.plugin_key || '#' || p.plugin_id
where exists (select 1 from plugin o where lower(o.plugin_id) = lower(p.plugin_id)
  and (o.created_at < p.created_at or (o.created_at = p.created_at and o.plugin_id < p.plugin_id)));

alter table plugin alter column plugin_key set not null;

alter table plugin add constraint uk_plugin_plugin_key unique (plugin_key);
