"""`python -m factlint` runs the command line."""

from factlint.cli import run

if __name__ == "__main__":
    run()
