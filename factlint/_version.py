"""factlint's version, in a module of its own: the package's front door (`factlint/__init__.py`)
re-exports the API, so the modules below it read the version from here, not from the package."""

__version__ = "0.1.0"
