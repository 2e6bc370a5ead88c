"""Configuration: the one schema of the plugin options, and the build settings of mkdocs.yml."""
