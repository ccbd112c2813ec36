"""factlint: a data-quality and fact-check linter for cosmetic content.

The pipeline: find files -> load config -> load registers -> build a Document ->
extract mentions -> run rules -> filter -> sort -> format -> exit code.
"""

__version__ = "0.1.0"
