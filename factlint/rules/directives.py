"""The codes the engine reports about `factlint: ignore` directives, not about the text.

They are not rules (nothing selects or runs them; the engine checks the directives it
reads), but they are documented like rules, so `factlint rules FL001` explains them.
"""

from __future__ import annotations

from factlint.findings import Severity


class UnusedSuppression:
    """FL001 unused-suppression: a `factlint: ignore` directive that suppresses nothing.

    ## What it does
    Reports an inline `factlint: ignore` (or `ignore-file`) directive that no finding
    was suppressed by. Only with `factlint check --report-unused-suppressions`; a
    directive about rules that did not run is left alone.

    ## Why is this bad?
    A stale directive hides the next real finding on its line: the text was corrected,
    the directive stayed, and a new slip on the same line is never reported.

    ## Example
    ```markdown
    <!-- factlint: ignore FC003 -->
    The procedure has some side effects.
    ```

    Remove the comment.
    """

    CODE = "FL001"
    NAME = "unused-suppression"
    SEVERITY = Severity.WARNING
    FIXABLE = False


class UnknownSuppressionCode:
    """FL002 unknown-ignore-code: a `factlint: ignore` directive naming a code factlint does not have.

    ## What it does
    Reports each code in a `factlint: ignore` or `factlint: ignore-file` directive that
    is neither a rule code, a prefix of one ("FC", "DQ00") nor an FL code. Always on.

    ## Why is this bad?
    A mistyped code ("FC030" for "FC003") suppresses nothing, silently: the writer thinks
    the finding is dealt with, and it is still reported, or another slip is hidden by a
    directive nobody can read.

    ## Example
    ```markdown
    <!-- factlint: ignore FC999 -->
    Our "painless" technique...
    ```

    Use instead (see `factlint rules` for the codes):
    ```markdown
    <!-- factlint: ignore FC003 -->
    Our "painless" technique...
    ```
    """

    CODE = "FL002"
    NAME = "unknown-ignore-code"
    SEVERITY = Severity.WARNING
    FIXABLE = False


DIRECTIVE_CODES = {c.CODE: c for c in (UnusedSuppression, UnknownSuppressionCode)}
