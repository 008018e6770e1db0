#!/usr/bin/env python3
"""Validate SARIF logs against the OASIS SARIF 2.1.0 JSON schema.

    python3 scripts/validate-sarif.py FILE...

The schema is the vendored copy in tests/data/sarif-schema-2.1.0.json (where it
comes from: tests/data/sarif-schema-2.1.0.md), so this runs offline. Needs the
`jsonschema` module (Debian: python3-jsonschema; pip: jsonschema). Exit status: 0 all
valid, 1 a file is invalid, 2 usage or a file that is not JSON.
"""

import json
import pathlib
import sys

SCHEMA = pathlib.Path(__file__).resolve().parent.parent / "tests/data/sarif-schema-2.1.0.json"


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        import jsonschema
    except ImportError:
        print("validate-sarif: the jsonschema module is missing "
              "(apt-get install python3-jsonschema, or pip install jsonschema)", file=sys.stderr)
        return 2
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    # The schema says draft-04; the validator for that draft, with format checks where
    # the installed jsonschema has them.
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    checker = jsonschema.FormatChecker()
    validator = cls(schema, format_checker=checker)
    if "uri-reference" not in checker.checkers:
        print("validate-sarif: note: URI formats are not checked "
              "(apt-get install python3-rfc3987, or pip install rfc3987)", file=sys.stderr)
    status = 0
    for name in argv[1:]:
        try:
            with open(name, encoding="utf-8") as f:
                log = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{name}: {e}", file=sys.stderr)
            return 2
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        for e in errors:
            where = "/".join(str(p) for p in e.absolute_path) or "(root)"
            print(f"{name}: {where}: {e.message}")
        if errors:
            status = 1
        else:
            print(f"{name}: valid SARIF 2.1.0")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
