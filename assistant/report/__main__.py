"""``python -m assistant.report``: write the JSON schema of the report contract."""

from assistant.report.contract import SCHEMA_FILE, json_schema

SCHEMA_FILE.parent.mkdir(exist_ok=True)
SCHEMA_FILE.write_text(json_schema())
print(f"wrote {SCHEMA_FILE}")
