"""subsidy is a library: importing it must not pull in the web app or the database."""

import subprocess
import sys


def test_subsidy_imports_no_flask_sqlalchemy_or_pos():
    code = ("import sys, subsidy, subsidy.__main__; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'flask', 'sqlalchemy', 'pos', 'werkzeug'}))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"
