-- The highest version of a plugin that has ever been live, kept on the plugin row: new versions must be
-- greater, and reading it here costs one row however many versions the plugin has had.
alter table plugin add column highest_live_version varchar(32);

update plugin set highest_live_version = (
  select v.version from plugin_version v
  where v.plugin_id = plugin.plugin_id and v.status in ('RELEASED', 'OFFLINE')
  order by v.major desc, v.minor desc, v.patch desc
  fetch first 1 rows only);
