"""Importers: other tools' timeline formats turned into content files to complete."""
