"""`python -m factlint` runs the command line."""

from factlint.cli import main

if __name__ == "__main__":
    main()
