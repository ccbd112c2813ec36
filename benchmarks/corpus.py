"""A seeded generator of a realistic benchmark corpus.

Markdown articles about a cosmetic procedure, in the style of factlint's examples:
mostly ordinary prose, with claims (years, depths, session counts, intervals,
durations, ranges, conversions), absolute and unsupported phrasings (some negated,
softened or quoted), questions, lists, tables, code, links, front matter and
suppression comments, and the data-quality defects of scraped, machine-translated
text: glued and split words, odd spacing, foreign-script fragments, boilerplate and
repeated paragraphs. The same seed always gives the same files.

    python benchmarks/corpus.py [--out benchmarks/corpus] [--seed 2024] [--files 2000] [--mb 14]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

SUBJECTS = [
    "Mesotherapy",
    "The procedure",
    "Facial mesotherapy",
    "Fractional mesotherapy",
    "This treatment",
    "Hair mesotherapy",
    "The technique",
    "Mesotherapy of the face",
    "Body mesotherapy",
    "The method",
]
INGREDIENTS = [
    "vitamins",
    "hyaluronic acid",
    "amino acids",
    "minerals",
    "peptides",
    "antioxidants",
    "plant extracts",
    "coenzymes",
    "trace elements",
    "nucleic acids",
]
AREAS = [
    "face",
    "neck",
    "décolleté",
    "scalp",
    "abdomen",
    "thighs",
    "buttocks",
    "hands",
    "area around the eyes",
    "chin",
]
PEOPLE = ["Michel Pistor", "Dr Pistor", "the French doctor Michel Pistor", "Pistor"]
CLINICS = [
    "Velvet Beauty Bar",
    "Aurora Skin Studio",
    "Clinic Belle",
    "the Lumière centre",
    "Derma Lab",
    "Silk & Glow",
    "Nova Aesthetics",
]
WORDS = [
    "skin",
    "texture",
    "tone",
    "elasticity",
    "collagen",
    "elastin",
    "wrinkles",
    "pores",
    "pigmentation",
    "complexion",
    "hydration",
    "cells",
    "dermis",
    "epidermis",
    "cocktail",
    "serum",
    "injection",
    "needle",
    "course",
    "result",
    "specialist",
    "cosmetologist",
    "patient",
    "session",
    "recovery",
    "redness",
    "swelling",
    "care",
    "cream",
    "routine",
]

# Ordinary prose: most sentences of a real article say nothing checkable.
FILLER = [
    "You can hardly find a woman who does not care about her appearance.",
    "Most of the fair sex strive to be beautiful and well groomed.",
    "{S} has become one of the most requested services in modern cosmetology.",
    "The {w1} of the {area} changes with age, sun exposure and lifestyle.",
    "A good specialist first examines the {area} and asks about your {w1} routine.",
    "The cocktail usually combines {i1}, {i2} and {i3}.",
    "These substances support the {w1} and help the {w2} look fresher.",
    "It is recommended to learn about the procedure before visiting a beauty salon.",
    "The specialist disinfects the {area} and marks the points of injection.",
    "After the session the {w1} may look slightly pink for a while.",
    "Reviews of patients describe smoother {w1} and a more even {w2}.",
    "Judging by the reviews, the procedure helps with {w1} and {w2} problems.",
    "What is the secret of such a popular method? The answer lies in the {w1}.",
    "Let's take a closer look at the stages of the procedure.",
    "Everything will depend on the individual characteristics of the organism.",
    "In addition, stretch marks and scars on the {area} become less conspicuous.",
    "The choice of the drug depends on the {w1} type and the problem to be solved.",
    "Many salons in {clinic}'s neighbourhood now offer the service.",
    "Before the procedure, avoid alcohol and do not take a hot bath.",
    "Ask your {w1} specialist which products suit your {w2} best.",
    "The {w1} is treated with an antiseptic once the injections are over.",
    "Some people combine the course with peeling or a gentle massage.",
    "A visible improvement of the {w1} is the main reason people choose it.",
    "Small amounts of {i1} and {i2} are injected into the {area}.",
    "The drug is delivered directly to the layer of the {w1} where it is needed.",
]

# Sentences with numbers tied to claims: some agree with the sources, some do not.
CLAIMS = [
    "Mesotherapy was introduced by {person} in France in {origin}.",
    "The method was developed in {origin} by {person}.",
    "Since its invention in {origin}, the method has spread across Europe.",
    "In {procaine} {person} injected procaine for the first time.",
    "Most practitioners recommend {n1} to {n2} sessions.",
    "A full course takes just {few} sessions.",
    "A course usually includes {n1}-{n2} procedures.",
    "Sessions are spaced {d1} to {d2} days apart.",
    "Sessions are repeated every {d1} days.",
    "After the course, a maintenance session once a month keeps the result.",
    "The needle enters {depth} mm into the skin.",
    "We inject vitamin cocktails up to {deep} mm deep for a stronger effect.",
    "The needle enters {depth} mm ({inch} in) into the skin.",
    "Injections reach {depth} to {depth2} mm into the dermis.",
    "The effect usually lasts {m1} to {m2} months.",
    "The effect lasts {months} months.",
    "A session takes about half an hour.",
    "A session takes {min} minutes.",
    "How deep are the injections? {deep} mm.",
    "How many sessions do I need? Usually {n1} to {n2} sessions.",
    "Redness usually fades within {h} hours.",
    "A new course should not start earlier than {months} months after the previous one.",
    "Our team has performed more than {big} treatments since {since}.",
    "The nozzle holds {needles} needles with a diameter of 0.18 mm.",
    "The drug volume per point is about {ml} ml.",
    "Over {pct}% of the area is treated during one session.",
]

ABSOLUTE = [
    "Our treatment is {adv} safe and painless, with zero side effects.",
    "The procedure is painless and the results are permanent.",
    "Mesotherapy has no side effects and no contraindications.",
    "It is suitable for everyone, including pregnant women.",
    "Guaranteed results after just one session!",
    "The cocktail is 100% natural and hypoallergenic.",
    "You will see instant results and the effect lasts forever.",
    "It is not completely safe, and bruising is common.",
    "The procedure is almost painless thanks to an anaesthetic cream.",
    "Is mesotherapy painless? Not quite, but most people tolerate it.",
    "The myth that the procedure is risk-free is widespread.",
    'Some salons promise "permanent results", which is misleading.',
    "Clinically proven: {pct}% of our clients see results after one visit.",
    "Rated the best mesotherapy in town, clinically proven by our own survey.",
    "{pct}% of patients are satisfied with the results.",
    "Looking for painless rejuvenation? Book a session today.",
]

DEFECTS = [
    "The procedure lasts about half an hour.Most patients return to work the same day.",
    "The specialist inserts a needle to determine the needusing such a technique.",
    "meso therapy is carried out by a qualified cosmet ologist .",
    "The  drug  is  injected  into  the  skin ,  not  deeper .",
    "After the procedure , avoid the sun !",
    "Мезотерапия is popular in many countries, especially in Eastern Europe.",
    "The technique (мезотерапия) was first described in French journals.",
    "Share on Facebook Share on Twitter Pin it",
    "Read also: 10 facts you need to know about mesotherapy",
    "Subscribe to our newsletter to get the latest beauty news.",
    "All rights reserved. Copying is allowed only with an active link.",
    "woman with flower",
    "photo before and after the procedure",
    "Mesotherapy was developed by the French doctor Michelle Pistor.",
    "Stem cellsare a young component of connective tissue.",
    "How is it possible to achieve suchhigh efficiency of the procedure?",
]

HEADINGS = [
    "Mechanism of action",
    "The course",
    "Risks",
    "Indications",
    "Contraindications",
    "How the procedure goes",
    "Results",
    "Recovery",
    "Prices",
    "History",
    "FAQ",
    "Preparation",
    "Aftercare",
    "Types of mesotherapy",
    "What the reviews say",
]


class Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def fill(self, template: str) -> str:
        r = self.rng
        n1 = r.choice([3, 4, 5, 6, 8])
        d1 = r.choice([5, 7, 10, 14])
        m1 = r.choice([4, 6, 8])
        depth = r.choice(["0.5", "1", "1.5", "2", "3", "4"])
        return template.format(
            S=r.choice(SUBJECTS),
            w1=r.choice(WORDS),
            w2=r.choice(WORDS),
            area=r.choice(AREAS),
            i1=r.choice(INGREDIENTS),
            i2=r.choice(INGREDIENTS),
            i3=r.choice(INGREDIENTS),
            clinic=r.choice(CLINICS),
            person=r.choice(PEOPLE),
            origin=r.choice([1958, 1958, 1958, 1952, 1964]),
            procaine=r.choice([1952, 1952, 1955]),
            n1=n1,
            n2=n1 + r.choice([2, 4, 5]),
            few=r.choice([1, 2, 3, 5, 8]),
            d1=d1,
            d2=d1 + r.choice([3, 4, 7]),
            depth=depth,
            depth2=r.choice(["4", "6", "8"]),
            deep=r.choice([2, 4, 6, 8, 12]),
            inch=r.choice(["0.06", "0.5", "0.02"]),
            m1=m1,
            m2=m1 + r.choice([4, 6, 10]),
            months=r.choice([6, 9, 12, 14, 18, 24]),
            min=r.choice([20, 30, 45, 60]),
            h=r.choice([2, 24, 48]),
            big=r.choice(["3,000", "1,200", "12,000"]),
            since=r.choice([2005, 2012, 2015, 2019]),
            needles=r.choice([9, 12]),
            ml=r.choice(["0.05", "0.1", "0.2"]),
            pct=r.choice([25, 80, 95, 97, 98]),
            adv=r.choice(["totally", "completely", "absolutely", "perfectly"]),
        )

    def sentence(self) -> str:
        r = self.rng.random()
        pool = FILLER if r < 0.62 else CLAIMS if r < 0.80 else ABSOLUTE if r < 0.90 else DEFECTS
        return self.fill(self.rng.choice(pool))

    def paragraph(self) -> str:
        sentences = [self.sentence() for _ in range(self.rng.randint(2, 7))]
        text = " ".join(sentences)
        if self.rng.random() < 0.5:
            return wrap(text, self.rng.choice([72, 80, 100, 400]))
        return text

    def block(self, previous: list[str]) -> str:
        r = self.rng.random()
        if r < 0.10:
            return f"## {self.rng.choice(HEADINGS)}"
        if r < 0.20:
            marker = self.rng.choice(["-", "*", "1."])
            return "\n".join(f"{marker} {self.sentence()}" for _ in range(self.rng.randint(2, 6)))
        if r < 0.24:
            rows = [
                f"| {self.rng.choice(AREAS)} | {self.rng.choice([3, 5, 8])} sessions | "
                f"{self.rng.choice(['0.5', '1', '2'])} mm |"
                for _ in range(self.rng.randint(2, 5))
            ]
            return "| area | course | depth |\n|---|---|---|\n" + "\n".join(rows)
        if r < 0.26:
            return "```\ndose = 0.1 ml  # per point, 12 mm grid\nrepeat every 7 days\n```"
        if r < 0.28:
            return f"> {self.sentence()} {self.sentence()}"
        if r < 0.30:
            return "<!-- factlint: ignore FC004 -->\n" + self.fill(self.rng.choice(ABSOLUTE))
        if r < 0.32:
            return (
                f"See [our price list](https://example.com/prices?id={self.rng.randint(1, 999)}) "
                f"and the `{self.rng.choice(WORDS)}` guide. {self.sentence()}"
            )
        if r < 0.34 and previous:
            return self.rng.choice(previous)  # a scraped page repeats itself
        return self.paragraph()

    def article(self, size: int) -> str:
        r = self.rng
        parts = []
        if r.random() < 0.3:
            parts.append(
                f"---\ntitle: {r.choice(HEADINGS)} at {r.choice(CLINICS)}\n"
                f"date: 2024-0{r.randint(1, 9)}-1{r.randint(0, 9)}\n---"
            )
        parts.append(f"# {r.choice(SUBJECTS)}: {r.choice(HEADINGS).lower()}")
        total = sum(len(p) + 2 for p in parts)
        while total < size:
            block = self.block(parts[1:])
            parts.append(block)
            total += len(block.encode("utf-8")) + 2
        newline = "\r\n" if r.random() < 0.05 else "\n"
        return newline.join("\n\n".join(parts).split("\n")) + newline


def wrap(text: str, width: int) -> str:
    lines, current = [], ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "\n".join(lines)


def sizes(rng: random.Random, files: int, total: int) -> list[int]:
    """File sizes of a blog: mostly 3-10 KB, a few long guides, summing to `total`."""
    raw = [rng.lognormvariate(0, 0.55) for _ in range(files)]
    scale = total / sum(raw)
    return [max(600, int(x * scale)) for x in raw]


def generate(out: Path, seed: int = 2024, files: int = 2000, megabytes: float = 14.0) -> int:
    """Write the corpus into `out` (two halves, a/ and b/); returns the bytes written."""
    rng = random.Random(seed)
    writer = Writer(rng)
    written = 0
    target = int(megabytes * 1024 * 1024 * 1.01)
    for number, size in enumerate(sizes(rng, files, target)):
        half = "a" if number % 2 == 0 else "b"
        path = out / half / f"article-{number:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = writer.article(size).encode("utf-8")
        path.write_bytes(data)
        written += len(data)
    return written


def long_document(seed: int, megabytes: float, newlines: bool = True) -> str:
    """One long article; without newlines, a single line of prose (a pasted page)."""
    writer = Writer(random.Random(seed))
    text = writer.article(int(megabytes * 1024 * 1024))
    if not newlines:
        text = " ".join(text.replace("\r", "").split("\n"))
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "corpus")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--mb", type=float, default=14.0)
    args = parser.parse_args()
    written = generate(args.out, args.seed, args.files, args.mb)
    print(f"{args.files} files, {written / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
