-- A developer's plugin list is "owner = ? order by plugin_id": one range of this index, however many
-- plugins others have.
create index ix_plugin_owner on plugin (owner, plugin_id);

-- The consistency check asks which running review processes a version names, a chunk at a time.
create index ix_plugin_version_process on plugin_version (process_instance_id);
