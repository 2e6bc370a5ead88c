"""Reading content: files into documents whose values remember their line, the inventory of
content/, the front-matter key definitions, git history."""
