"""Check policy files from the command line: python -m subsidy FILE..."""
from __future__ import annotations

import sys

from .loader import PolicyError, load_policy


def main(argv: list[str] | None = None) -> int:
    """Validate each file and say what is wrong; exit status 1 if any file is invalid."""
    paths = sys.argv[1:] if argv is None else argv
    if not paths:
        print("usage: python -m subsidy FILE.toml...", file=sys.stderr)
        return 2
    invalid = 0
    for path in paths:
        try:
            v = load_policy(path)
        except (PolicyError, OSError) as exc:
            print(exc, file=sys.stderr)
            invalid += 1
        else:
            print(f"{path}: OK — {v.policy_id} {v.version}, "
                  f"from {v.effective_from:%Y-%m-%d %H:%M}, {len(v.rules)} rules, "
                  f"{len(v.operating)} operating")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
