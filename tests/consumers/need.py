"""Imports a consumer's module for the scripts beside this file, or says in
one line what installs it and exits with 3: a missing module is never a
traceback."""

import importlib
import sys


def need(module, package):
    """The module `module`, which the PyPI package `package` installs."""
    try:
        return importlib.import_module(module)
    except ImportError:
        print(
            f"{package} is missing: run bash tests/consumers/install.sh"
            " (or: pip install -r tests/consumers/requirements.txt)",
            file=sys.stderr,
        )
        sys.exit(3)
