"""The doors: the build pipeline, the ``timeline`` CLI, the MkDocs plugin, the rendered docs tree
for other builders, verify-site and watch. Only :mod:`.plugin` imports MkDocs."""
