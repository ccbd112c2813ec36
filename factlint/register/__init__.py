"""Claims registers: the model, loading and validation, building drafts, auditing sources."""

from factlint.register.model import Claim, Register, Source, Unit, ValueItem

__all__ = ["Claim", "Register", "Source", "Unit", "ValueItem"]
