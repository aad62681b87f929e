"""Rulebooks: loading and compiling (``model``, ``extend``, ``cache``), choosing one by the report
year (``select``), their schema and lint (``schema``, ``lint``), safe YAML (``safeyaml``), the
regular expressions they carry (``matching``) and docs/rules.md (``docgen``). The YAML files
themselves live in the top-level ``rules/`` (``checker.paths``)."""
