#!/usr/bin/env python3
"""Mutation score per folder of KubeNetLint.Core, from one or more Stryker mutation-report.json files.

    python3 tools/mutation-score.py StrykerOutput/*/reports/mutation-report.json [--files] [--survivors]

Runs over different folders add up; where two reports hold the same file, the later one on the command
line wins (pass them oldest first). The score is Stryker's: (killed + timeout) / (killed + timeout +
survived + no coverage); compile errors and ignored mutants are counted apart, not in the score.
"""
import json
import sys
from collections import Counter, OrderedDict

DETECTED = ("Killed", "Timeout")
UNDETECTED = ("Survived", "NoCoverage")


def core_relative(path):
    marker = "src/KubeNetLint.Core/"
    i = path.replace("\\", "/").find(marker)
    return path[i + len(marker):] if i >= 0 else path


def folder_of(rel):
    parts = rel.split("/")
    if len(parts) == 1:
        return "(root)"
    if parts[0] == "Rules" and len(parts) > 2:
        return "/".join(parts[:2])
    return parts[0]


def score(c):
    valid = sum(c[s] for s in DETECTED + UNDETECTED)
    return (100.0 * sum(c[s] for s in DETECTED) / valid) if valid else None


def row(name, c):
    s = score(c)
    return "| {} | {} | {} | {} | {} | {} | {} | {} |".format(
        name, "n/a" if s is None else "{:.2f}%".format(s), c["Killed"], c["Timeout"], c["Survived"],
        c["NoCoverage"], c["CompileError"], c["Ignored"])


def main(argv):
    paths = [a for a in argv if not a.startswith("--")]
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    files = OrderedDict()
    for p in paths:
        with open(p, encoding="utf-8") as f:
            report = json.load(f)
        for path, entry in report["files"].items():
            mutants = entry.get("mutants", [])
            # A file outside --mutate is listed with every mutant Ignored: it was not measured by this run.
            if mutants and all(m["status"] == "Ignored" for m in mutants):
                continue
            if mutants:
                files[core_relative(path)] = (mutants, entry.get("source", ""))

    by_folder, total = OrderedDict(), Counter()
    for rel in sorted(files):
        c = Counter(m["status"] for m in files[rel][0])
        by_folder.setdefault(folder_of(rel), Counter()).update(c)
        total.update(c)

    print("| Folder | Score | Killed | Timeout | Survived | No coverage | Compile error | Ignored |")
    print("|---|---|---|---|---|---|---|---|")
    for name, c in by_folder.items():
        print(row(name, c))
    print(row("**all measured**", total))

    if "--files" in argv:
        print()
        for rel in sorted(files):
            print(row(rel, Counter(m["status"] for m in files[rel][0])))
    if "--survivors" in argv:
        print()
        for rel in sorted(files):
            mutants, source = files[rel]
            lines = source.split("\n")
            for m in sorted(mutants, key=lambda m: m["location"]["start"]["line"]):
                if m["status"] in UNDETECTED:
                    ln = m["location"]["start"]["line"]
                    text = lines[ln - 1].strip() if 0 < ln <= len(lines) else ""
                    print("{}:{}: {} {} -> {!r}  | {}".format(
                        rel, ln, m["status"], m["mutatorName"], m.get("replacement", "")[:60], text[:100]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
