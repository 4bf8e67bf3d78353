"""The data layer: pydantic models of banks and profiles, the strict YAML loader, the catalog and answers files."""
